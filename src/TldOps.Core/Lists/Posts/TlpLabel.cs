namespace TldOps.Core.Lists.Posts;

/// <summary>
/// Traffic Light Protocol 2.0 labels (FIRST, 2022), least to most restrictive. TLP:RED is for
/// named recipients only, so the list never sends it to all members.
/// </summary>
public enum TlpLabel
{
    /// <summary>No label found.</summary>
    None,

    /// <summary>TLP:CLEAR (TLP 1.0's TLP:WHITE): no limit on disclosure.</summary>
    Clear,

    /// <summary>TLP:GREEN: the community, not public channels.</summary>
    Green,

    /// <summary>TLP:AMBER: the recipients' organisations and their clients, need to know.</summary>
    Amber,

    /// <summary>TLP:AMBER+STRICT: the recipients' organisations only.</summary>
    AmberStrict,

    /// <summary>TLP:RED: the named recipients only.</summary>
    Red,
}
