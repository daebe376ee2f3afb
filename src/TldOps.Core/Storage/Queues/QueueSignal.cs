using System.Collections.Concurrent;

namespace TldOps.Core.Storage.Queues;

/// <summary>
/// Wakes this node's runners when this node enqueues work, so that a post is not delayed by
/// the poll interval. Other nodes' work is found by polling.
/// </summary>
public sealed class QueueSignal
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _signals = new(StringComparer.Ordinal);

    public void Notify(string queue)
    {
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
}
