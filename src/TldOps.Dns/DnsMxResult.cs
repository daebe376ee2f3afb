namespace TldOps.Dns;

/// <summary>
/// The result of <see cref="DnsResolver.LookupMxAsync"/>: the exchanges in the order to try them
/// (by preference, random among equals, RFC 5321 §5.1), or the fact that the domain accepts no mail.
/// </summary>
public sealed class DnsMxResult
{
    internal DnsMxResult(DnsOutcome outcome, string domain, IReadOnlyList<MailExchange> exchanges, bool acceptsNoMail)
    {
        Outcome = outcome;
        Domain = domain;
        Exchanges = exchanges;
        AcceptsNoMail = acceptsNoMail;
    }

    /// <summary>
    /// How the lookup ended. <see cref="DnsOutcome.Success"/> with exchanges, or with
    /// <see cref="AcceptsNoMail"/>; <see cref="DnsOutcome.NoData"/> when the domain has neither MX
    /// nor address; <see cref="DnsOutcome.NxDomain"/> when it does not exist; otherwise a transient failure.
    /// </summary>
    public DnsOutcome Outcome { get; }

    /// <summary>The domain in ASCII form.</summary>
    public string Domain { get; }

    /// <summary>The hosts to try, in order; empty unless the outcome is success and mail is accepted.</summary>
    public IReadOnlyList<MailExchange> Exchanges { get; }

    /// <summary>True when the domain publishes a null MX (RFC 7505): mail to it must bounce at once (RFC 7505 §4.2, reply 556).</summary>
    public bool AcceptsNoMail { get; }
}
