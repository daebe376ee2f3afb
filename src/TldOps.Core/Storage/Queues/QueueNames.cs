namespace TldOps.Core.Storage.Queues;

/// <summary>
/// The queues of the life of a post (DESIGN.md). One runner owns each; entries move between them
/// in the same table, so a move is one UPDATE in the same transaction as the work that caused it.
/// </summary>
public static class QueueNames
{
    /// <summary>Raw messages as accepted by the SMTP/LMTP listener, before any decision.</summary>
    public const string In = "in";

    /// <summary>Accepted posts waiting for the handler pipeline (classify, archive, headers, fan-out).</summary>
    public const string Pipeline = "pipeline";

    /// <summary>One entry per recipient copy, waiting for delivery.</summary>
    public const string Out = "out";

    /// <summary>Copies whose delivery failed temporarily, waiting for their next attempt.</summary>
    public const string Retry = "retry";

    /// <summary>Mail to the VERP bounce addresses, waiting for bounce processing.</summary>
    public const string Bounces = "bounces";

    /// <summary>Mail the system itself writes (notices, reminders, the monthly repository), waiting for fan-out.</summary>
    public const string Virgin = "virgin";

    /// <summary>Entries whose processing threw or crashed a node repeatedly; kept with the error for replay.</summary>
    public const string Quarantine = "quarantine";

    public static IReadOnlyList<string> All { get; } = [In, Pipeline, Out, Retry, Bounces, Virgin, Quarantine];

    public static bool IsKnown(string? name) => name is not null && All.Contains(name, StringComparer.Ordinal);
}
