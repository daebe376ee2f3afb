namespace TldOps.Mail.Smtp.Client;

/// <summary>
/// The timeout of one connection's reads and writes, armed afresh for each of them, with the
/// caller's cancellation joined in. One instance lives as long as its connection: where a
/// <see cref="TimeoutScope"/> per read or write made a timer and, for a cancellable caller, a
/// linked token source every time (four or more per message sent, each registered with the
/// caller's token), this moves one timer and registers with a caller's token once for as long as
/// the caller keeps passing the same token (a runner's, for every copy it sends).
/// Not thread-safe, like the client: one read or write at a time.
/// </summary>
internal sealed class IoDeadline(TimeProvider timeProvider) : IDisposable
{
    private CancellationTokenSource? _source;
    private CancellationToken _caller;
    private CancellationTokenRegistration _callerRegistration;

    /// <summary>
    /// Starts the clock for one read or write of at most <paramref name="timeout"/> and returns
    /// the token to pass to it: it fires when the time is up or <paramref name="cancellationToken"/>
    /// is cancelled.
    /// </summary>
    /// <exception cref="OperationCanceledException">The caller has already cancelled.</exception>
    public CancellationToken Arm(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!cancellationToken.Equals(_caller))
        {
            _callerRegistration.Dispose();
            _caller = cancellationToken;
            _callerRegistration = cancellationToken.CanBeCanceled
                ? cancellationToken.UnsafeRegister(static state => ((IoDeadline)state!).CancelCurrent(), this)
                : default;
        }

        // Moving the timer first: a timer that fired while the connection sat idle (or fires as
        // it is moved) has cancelled the source for good, so a new one takes its place. The
        // source is made with a finite delay so that its timer comes from the time provider.
        var source = _source;
        source?.CancelAfter(timeout);
        if (source is null || source.IsCancellationRequested)
        {
            Volatile.Write(ref _source, new CancellationTokenSource(timeout, timeProvider));
            source?.Dispose();
        }

        cancellationToken.ThrowIfCancellationRequested();
        return _source!.Token;
    }

    /// <summary>True when the last armed token fired because time was up, not because the caller cancelled.</summary>
    public bool TimedOut => _source is { IsCancellationRequested: true } && !_caller.IsCancellationRequested;

    private void CancelCurrent()
    {
        try
        {
            Volatile.Read(ref _source)?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Replaced meanwhile: Arm checks the caller's token after installing the new one.
        }
    }

    public void Dispose()
    {
        _callerRegistration.Dispose();
        _source?.Dispose();
    }
}
