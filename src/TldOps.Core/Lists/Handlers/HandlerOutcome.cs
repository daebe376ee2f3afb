namespace TldOps.Core.Lists.Handlers;

/// <summary>How the pipeline goes on after a handler.</summary>
public abstract record HandlerOutcome
{
    /// <summary>The next handler runs.</summary>
    public static HandlerOutcome Continue { get; } = new ContinueOutcome();

    /// <summary>The post goes no further, silently.</summary>
    public static HandlerOutcome Discard(string reason) => new DiscardOutcome(reason);

    /// <summary>The post goes no further and the sender is told why.</summary>
    public static HandlerOutcome Reject(string reason) => new RejectOutcome(reason);

    /// <summary>Go on.</summary>
    public sealed record ContinueOutcome : HandlerOutcome;

    /// <summary>Stop silently.</summary>
    public sealed record DiscardOutcome(string Reason) : HandlerOutcome;

    /// <summary>Stop and tell the sender.</summary>
    public sealed record RejectOutcome(string Reason) : HandlerOutcome;
}
