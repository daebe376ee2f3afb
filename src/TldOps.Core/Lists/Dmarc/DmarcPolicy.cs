namespace TldOps.Core.Lists.Dmarc;

/// <summary>The p= a domain publishes (RFC 7489 §6.3), or why it is not known.</summary>
public enum DmarcPolicy
{
    /// <summary>No DMARC record.</summary>
    Absent,

    /// <summary>p=none: monitoring only.</summary>
    None,

    /// <summary>p=quarantine.</summary>
    Quarantine,

    /// <summary>p=reject.</summary>
    Reject,

    /// <summary>The look-up failed (timeout, SERVFAIL); treated as strict, since a rejected copy is worse than a rewritten From.</summary>
    Unknown,
}
