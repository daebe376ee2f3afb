using System.Collections.Concurrent;

namespace TldOps.Core.Storage.Queues;

/// <summary>
/// Wakes this node's runners when this node enqueues work, so that a post is not delayed by
/// the poll interval. Other nodes' work is found by polling. The other way round, it tells a
/// producer when this node's runners have leased from a queue (<see cref="WaitLeasedAsync"/>).
/// </summary>
public sealed class QueueSignal
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _signals = new(StringComparer.Ordinal);

    // How many notifications each queue has had: a runner that remembered where its last lease
    // ended (LeasePosition) looks from the start again once new work may have arrived before it.
    private readonly ConcurrentDictionary<string, Counter> _generations = new(StringComparer.Ordinal);

    // Per queue: this node's running runners of it and the leases they took (WaitLeasedAsync).
    private readonly ConcurrentDictionary<string, LeaseWatch> _watches = new(StringComparer.Ordinal);

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

    /// <summary>
    /// A runner of <paramref name="queue"/> is running on this node until the result is
    /// disposed: producers that wait for its leases (<see cref="WaitLeasedAsync"/>) only wait
    /// while one is.
    /// </summary>
    public IDisposable Attach(string queue)
    {
        var watch = Watch(queue);
        Interlocked.Increment(ref watch.Runners);
        return new Detach(watch);
    }

    /// <summary>How many leases with entries this node's runners have taken from <paramref name="queue"/> so far.</summary>
    public long LeaseGeneration(string queue) => Volatile.Read(ref Watch(queue).Leases);

    /// <summary>A runner of <paramref name="queue"/> leased entries: wakes those waiting for it.</summary>
    public void Leased(string queue)
    {
        var watch = Watch(queue);
        Interlocked.Increment(ref watch.Leases);
        Interlocked.Exchange(ref watch.Next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>
    /// Waits until a runner of <paramref name="queue"/> on this node has leased entries since
    /// <paramref name="seen"/> (a <see cref="LeaseGeneration"/> read before the work was
    /// committed), or <paramref name="timeout"/> passes. Returns at once when no such runner is
    /// running here (commands and tests that drain queues themselves). A producer with more to
    /// write lets the runners take the first part before it holds the SQLite writer again: a
    /// fan-out's first copies then leave while the rest is written, instead of after the next chunk.
    /// </summary>
    public async Task WaitLeasedAsync(string queue, long seen, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var watch = Watch(queue);
        var next = Volatile.Read(ref watch.Next).Task;
        if (Volatile.Read(ref watch.Runners) == 0 || Volatile.Read(ref watch.Leases) != seen)
        {
            return;
        }

        try
        {
            await next.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The runners are busy elsewhere: the producer goes on.
        }
    }

    private LeaseWatch Watch(string queue) => _watches.GetOrAdd(queue, _ => new LeaseWatch());

    private sealed class Counter
    {
        public long Value;
    }

    private sealed class LeaseWatch
    {
        public long Leases;
        public int Runners;
        public TaskCompletionSource Next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Detach(LeaseWatch watch) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref watch.Runners);
            }
        }
    }
}
