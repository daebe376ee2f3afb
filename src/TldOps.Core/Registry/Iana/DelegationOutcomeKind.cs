namespace TldOps.Core.Registry.Iana;

/// <summary>What applying one answer did to the store.</summary>
public enum DelegationOutcomeKind
{
    /// <summary>The TLD was not stored before; every field was recorded.</summary>
    Added,

    /// <summary>Some fields differ from the stored record; each is recorded.</summary>
    Changed,

    /// <summary>The answer matches the stored record; nothing was written.</summary>
    Unchanged,

    /// <summary>The source has no such TLD and none is stored (or it is already marked removed).</summary>
    NotFound,

    /// <summary>The source has no such TLD but it was stored as delegated: it is now marked not delegated.</summary>
    Removed,

    /// <summary>The record is older (by its changed date) than the stored one and was not applied.</summary>
    Stale,
}
