using System.Data.Common;

namespace TldOps.Core.Storage.Queues;

/// <summary>
/// Work of a queue that is not written as entries yet, such as the recipients a post's fan-out
/// has not reached. A lease of <see cref="Queue"/> that finds fewer ready entries than it may
/// take asks the feed for the rest: the feed writes them in the lease's transaction already
/// leased to the runner and hands them over, so that each is written once and neither read
/// back nor updated to be leased.
/// </summary>
public interface IQueueFeed
{
    /// <summary>The queue whose leases this feed fills.</summary>
    string Queue { get; }

    /// <summary>
    /// Writes up to <paramref name="request"/>'s limit entries, leased as it says, inside the
    /// lease's transaction, and adds them to <paramref name="leased"/>. Returns how many.
    /// </summary>
    Task<int> PullAsync(DbConnection connection, DbTransaction transaction, FeedRequest request, List<QueueEntry> leased, CancellationToken cancellationToken);
}

/// <summary>
/// A lease's room for entries from a feed: at most <paramref name="Limit"/>, of priority at
/// most <paramref name="MaxPriority"/>, leased to <paramref name="Owner"/> until
/// <paramref name="Until"/>, written at <paramref name="Now"/>.
/// </summary>
public sealed record FeedRequest(string Owner, DateTimeOffset Until, DateTimeOffset Now, int MaxPriority, int Limit);
