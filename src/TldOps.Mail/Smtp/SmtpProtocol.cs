namespace TldOps.Mail.Smtp;

/// <summary>Which dialect a listener or a client speaks.</summary>
public enum SmtpProtocol
{
    /// <summary>ESMTP, RFC 5321: one reply after the end of the message.</summary>
    Smtp,

    /// <summary>LMTP, RFC 2033: LHLO instead of EHLO and one reply per accepted recipient.</summary>
    Lmtp,
}
