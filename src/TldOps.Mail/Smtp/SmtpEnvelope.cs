namespace TldOps.Mail.Smtp;

/// <summary>
/// The envelope of one transaction: the reverse-path, the recipients and the MAIL parameters that
/// describe the content. The client reads <see cref="From"/> and <see cref="Recipients"/> (and
/// works out the rest from the bytes); the server fills every property from what it received.
/// </summary>
public sealed class SmtpEnvelope
{
    /// <summary>Creates an envelope.</summary>
    /// <exception cref="ArgumentException">A recipient is the null path.</exception>
    public SmtpEnvelope(SmtpAddress from, IReadOnlyList<SmtpAddress> recipients)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(recipients);
        foreach (var recipient in recipients)
        {
            ArgumentNullException.ThrowIfNull(recipient, nameof(recipients));
            if (recipient.IsNullPath)
            {
                throw new ArgumentException("A recipient cannot be the null path <>.", nameof(recipients));
            }
        }

        From = from;
        Recipients = recipients;
    }

    /// <summary>The reverse-path; <see cref="SmtpAddress.NullReversePath"/> for bounces.</summary>
    public SmtpAddress From { get; }

    /// <summary>The forward-paths, in the order they were given.</summary>
    public IReadOnlyList<SmtpAddress> Recipients { get; }

    /// <summary>The BODY parameter (RFC 6152); the client sets it itself from the content.</summary>
    public SmtpBodyType BodyType { get; init; }

    /// <summary>Whether the SMTPUTF8 parameter (RFC 6531 §3.4) was given.</summary>
    public bool SmtpUtf8 { get; init; }

    /// <summary>The SIZE parameter (RFC 1870), when given: the size the client announced.</summary>
    public long? DeclaredSize { get; init; }

    /// <summary>True when any address needs SMTPUTF8.</summary>
    public bool AddressesRequireSmtpUtf8 => From.RequiresSmtpUtf8 || Recipients.Any(r => r.RequiresSmtpUtf8);
}
