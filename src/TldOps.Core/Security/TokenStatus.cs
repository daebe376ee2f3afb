namespace TldOps.Core.Security;

/// <summary>What a presented token turned out to be.</summary>
public enum TokenStatus
{
    /// <summary>Genuine, unexpired, unused, for this purpose.</summary>
    Valid,

    /// <summary>Not a token at all (wrong shape, bad encoding).</summary>
    Malformed,

    /// <summary>Well-formed but not signed by this installation: forged or altered.</summary>
    Forged,

    /// <summary>Genuine but past its expiry.</summary>
    Expired,

    /// <summary>Genuine but already used (or revoked).</summary>
    Used,

    /// <summary>Genuine but issued for something else.</summary>
    WrongPurpose,
}
