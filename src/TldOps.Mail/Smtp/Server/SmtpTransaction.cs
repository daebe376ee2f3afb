namespace TldOps.Mail.Smtp.Server;

/// <summary>The state of one mail transaction in a session, from MAIL to the end of the message.</summary>
internal sealed class SmtpTransaction(SmtpAddress from)
{
    public SmtpAddress From { get; } = from;

    public List<SmtpAddress> Recipients { get; } = [];

    public SmtpBodyType BodyType { get; set; }

    public bool SmtpUtf8 { get; set; }

    public long? DeclaredSize { get; set; }

    /// <summary>True once a BDAT chunk arrived: DATA may then not follow (RFC 3030 §2).</summary>
    public bool UsedBdat { get; set; }

    public SmtpEnvelope ToEnvelope() => new(From, Recipients.ToArray())
    {
        BodyType = BodyType,
        SmtpUtf8 = SmtpUtf8,
        DeclaredSize = DeclaredSize,
    };
}
