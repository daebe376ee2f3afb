namespace TldOps.Core.Lists.Chains;

/// <summary>What a link does with a post when its rule hits.</summary>
public enum ChainAction
{
    /// <summary>Distribute it (the pipeline of handlers runs).</summary>
    Accept,

    /// <summary>Keep it for the committee, with the reasons, and tell the sender.</summary>
    Hold,

    /// <summary>Refuse it and tell the sender why.</summary>
    Reject,

    /// <summary>Drop it silently (loops: telling anyone would feed the loop).</summary>
    Discard,
}
