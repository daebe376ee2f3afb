using System.Data.Common;

namespace TldOps.Core.Storage.Queues;

/// <summary>
/// What a runner decided for one entry. The runner base applies outcomes in batched
/// transactions; <see cref="Done.AlsoInTransaction"/> lets a runner commit its own writes (the
/// fan-out rows, a held post) atomically with finishing the entry, so nothing is done twice.
/// </summary>
public abstract record EntryOutcome
{
    /// <summary>Finished. <paramref name="Reply"/> is kept on the entry (for out: the server's reply).</summary>
    public sealed record Done(string? Reply = null, Func<DbConnection, DbTransaction, Task>? AlsoInTransaction = null) : EntryOutcome;

    /// <summary>Try again later (temporary failure); the entry moves to <paramref name="Queue"/> (default: stays).</summary>
    public sealed record RetryLater(DateTimeOffset NotBefore, string Reason, string? Queue = null) : EntryOutcome;

    /// <summary>Failed for good (a permanent SMTP failure, say); kept for status and reports.</summary>
    public sealed record Failed(string Reason, string? Reply = null) : EntryOutcome;

    /// <summary>Set aside with the error; an operator can look at it and replay it.</summary>
    public sealed record Quarantined(string Reason) : EntryOutcome;

    /// <summary>Not processed (the node is stopping): give the lease back untouched.</summary>
    public sealed record Released : EntryOutcome;
}
