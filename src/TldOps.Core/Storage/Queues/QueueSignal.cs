using System.Collections.Concurrent;

namespace TldOps.Core.Storage.Queues;

/// <summary>
/// Wakes this node's runners when this node enqueues work, so that a post is not delayed by
/// the poll interval. Other nodes' work is found by polling.
/// </summary>
public sealed class QueueSignal
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _signals = new(StringComparer.Ordinal);

    // How many notifications each queue has had: a runner that remembered where its last lease
    // ended (LeasePosition) looks from the start again once new work may have arrived before it.
    private readonly ConcurrentDictionary<string, Counter> _generations = new(StringComparer.Ordinal);

    public void Notify(string queue)
    {
        Interlocked.Increment(ref _generations.GetOrAdd(queue, _ => new Counter()).Value);
        var signal = _signals.GetOrAdd(queue, _ => new SemaphoreSlim(0, 1));
        if (signal.CurrentCount == 0)
        {
            try
            {
                signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another thread signalled between the check and the release: already awake.
            }
        }
    }

    /// <summary>
    /// How many notifications <paramref name="queues"/> have had so far (never decreases): a
    /// change means work may have been added anywhere in them.
    /// </summary>
    public long Generation(IReadOnlyList<string> queues)
    {
        ArgumentNullException.ThrowIfNull(queues);
        long sum = 0;
        foreach (var queue in queues)
        {
            sum += Volatile.Read(ref _generations.GetOrAdd(queue, _ => new Counter()).Value);
        }

        return sum;
    }

    /// <summary>
    /// Waits until one of <paramref name="queues"/> is notified or <paramref name="timeout"/>
    /// passes, and returns true: time to look for work. Returns false when
    /// <paramref name="cancellationToken"/> ended the wait first, unless a notification had
    /// already been taken (it is never lost to a cancelled wait).
    /// </summary>
    public async Task<bool> WaitAsync(IReadOnlyList<string> queues, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queues);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var waits = queues.Select(q => _signals.GetOrAdd(q, _ => new SemaphoreSlim(0, 1)).WaitAsync(timeout, linked.Token)).ToList();
        await Task.WhenAny(waits).ConfigureAwait(false);
        await linked.CancelAsync().ConfigureAwait(false);
        var look = false;
        foreach (var wait in waits)
        {
            try
            {
                // True: notified; false: the timeout passed. Either way, look.
                await wait.ConfigureAwait(false);
                look = true;
            }
            catch (OperationCanceledException)
            {
                // Cancelled on purpose once another wait fired, or by the caller.
            }
        }

        return look;
    }

    private sealed class Counter
    {
        public long Value;
    }
}
