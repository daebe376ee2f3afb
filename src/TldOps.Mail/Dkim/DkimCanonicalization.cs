namespace TldOps.Mail.Dkim;

/// <summary>A DKIM canonicalization algorithm (RFC 6376 §3.4).</summary>
public enum DkimCanonicalization
{
    /// <summary>"simple": almost no change is tolerated.</summary>
    Simple,

    /// <summary>"relaxed": tolerates whitespace changes and header refolding.</summary>
    Relaxed,
}
