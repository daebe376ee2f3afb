using TldOps.Core.Lists.Chains;
using TldOps.Core.Lists.Posts;

namespace TldOps.Core.Lists.Held;

/// <summary>A held post as the committee sees it: who, what, why, and (once decided) by whom.</summary>
public sealed record HeldMessage(
    StoredPost Post,
    string State,
    IReadOnlyList<RuleCheck> Reasons,
    DateTimeOffset HeldAt,
    DateTimeOffset? DecidedAt,
    string? DecidedBy,
    string? Note)
{
    public long Id => Post.Id;

    /// <summary>Every rule the chain ran, hit or miss (the trace).</summary>
    public IReadOnlyList<RuleCheck> Trace => Post.TraceList;
}
