namespace TldOps.Mail.Dkim;

/// <summary>The outcome of verifying one DKIM signature.</summary>
public enum DkimStatus
{
    /// <summary>The signature verified and is acceptable.</summary>
    Pass,

    /// <summary>The signature is well formed but does not verify (body or headers changed).</summary>
    Fail,

    /// <summary>The DKIM-Signature field or the key record cannot be read (RFC 6376 PERMFAIL for syntax).</summary>
    Malformed,

    /// <summary>No key record exists for the selector and domain.</summary>
    KeyNotFound,

    /// <summary>The key could not be fetched now (DNS failure); trying later may succeed.</summary>
    TempError,

    /// <summary>The signature is valid or could be, but is not acceptable: weak key, SHA-1, expired, revoked key, partial body…</summary>
    NotTrusted,
}
