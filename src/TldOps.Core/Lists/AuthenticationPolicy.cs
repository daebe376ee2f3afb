namespace TldOps.Core.Lists;

/// <summary>
/// How strongly a post must show that it comes from the member whose address is in From
/// (the <c>authentication</c> rule). DESIGN.md ranks OpenPGP signature by the member's key above
/// DKIM aligned with the From domain above the From header alone.
/// </summary>
public enum AuthenticationPolicy
{
    /// <summary>The From address of an active member is enough, as TLD-OPS's Mailman list accepts today.</summary>
    FromHeaderOnly,

    /// <summary>A passing DKIM signature whose domain aligns with the From domain (DMARC relaxed alignment) is required; other posts are held.</summary>
    RequireAlignedDkim,
}
