namespace TldOps.Core.Lists.Held;

/// <summary>Where a held post stands (the <c>state</c> column of <c>list_held</c>).</summary>
public static class HeldState
{
    public const string Pending = "pending";
    public const string Approved = "approved";
    public const string Rejected = "rejected";
    public const string Discarded = "discarded";
}
