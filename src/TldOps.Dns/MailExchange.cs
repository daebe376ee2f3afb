namespace TldOps.Dns;

/// <summary>A host that accepts mail for a domain.</summary>
/// <param name="Preference">The MX preference; lower is tried first.</param>
/// <param name="Host">The host name in ASCII form.</param>
/// <param name="IsImplicit">True when the domain has no MX and its own address is used (RFC 5321 §5.1).</param>
public sealed record MailExchange(ushort Preference, string Host, bool IsImplicit = false);
