namespace TldOps.Core.Lists;

/// <summary>
/// When the list rewrites From to its own address (RFC 7960 §4.1.3.3): a list that changes the
/// subject and adds a footer breaks the author's DKIM signature, so receivers applying the author
/// domain's DMARC policy would reject or quarantine the copies.
/// </summary>
public enum DmarcMitigation
{
    /// <summary>Only when the author's domain publishes p=reject or p=quarantine.</summary>
    Auto,

    /// <summary>For every post.</summary>
    Always,

    /// <summary>Never (the From header is kept as the author wrote it).</summary>
    Never,
}
