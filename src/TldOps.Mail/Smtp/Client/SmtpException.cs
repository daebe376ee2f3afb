namespace TldOps.Mail.Smtp.Client;

/// <summary>
/// The base of the two SMTP client failure families: <see cref="SmtpProtocolException"/> (the
/// connection is broken and closed) and <see cref="SmtpCommandException"/> (the server refused;
/// the connection is still usable).
/// </summary>
public abstract class SmtpException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected SmtpException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>True when trying again later (or elsewhere) may succeed.</summary>
    public abstract bool IsTransient { get; }
}
