namespace TldOps.Core.Lists.Posts;

/// <summary>Where a post stands (the <c>state</c> column of <c>list_post</c>).</summary>
public static class PostState
{
    /// <summary>Waiting in the moderation queue.</summary>
    public const string Held = "held";

    /// <summary>Accepted (or approved), waiting for the pipeline.</summary>
    public const string Queued = "queued";

    /// <summary>The pipeline ran and one copy per recipient is queued.</summary>
    public const string Distributed = "distributed";

    /// <summary>Refused (by a rule, a handler or the committee); the sender was told.</summary>
    public const string Rejected = "rejected";

    /// <summary>Dropped (a loop, or the committee discarded it).</summary>
    public const string Discarded = "discarded";
}
