namespace TldOps.Core.Registry.Iana;

/// <summary>
/// Spaces the starts of queries to one server at least <c>minimumInterval</c> apart, across
/// concurrent callers, on the injected clock (so tests can see the waits without sleeping).
/// </summary>
internal sealed class QueryPacer(TimeProvider clock, TimeSpan minimumInterval) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long? _lastStart;

    /// <summary>Waits for this caller's turn and records the start of its query.</summary>
    public async Task WaitTurnAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_lastStart is { } last)
            {
                var wait = minimumInterval - clock.GetElapsedTime(last);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, clock, cancellationToken).ConfigureAwait(false);
                }
            }

            _lastStart = clock.GetTimestamp();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Waits <paramref name="delay"/> on the clock (a retry's back-off).</summary>
    public Task BackOffAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        delay > TimeSpan.Zero ? Task.Delay(delay, clock, cancellationToken) : Task.CompletedTask;

    /// <summary>A token source that cancels after <paramref name="timeout"/> on the clock (never for an infinite one), linked to <paramref name="cancellationToken"/>.</summary>
    public (CancellationTokenSource Deadline, CancellationTokenSource Linked) Deadline(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = timeout == Timeout.InfiniteTimeSpan ? new CancellationTokenSource() : new CancellationTokenSource(timeout, clock);
        return (deadline, CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token));
    }

    public void Dispose() => _gate.Dispose();
}
