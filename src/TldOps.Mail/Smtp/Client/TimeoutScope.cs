namespace TldOps.Mail.Smtp.Client;

/// <summary>A token that fires on the caller's cancellation or after a timeout, telling which happened.</summary>
internal sealed class TimeoutScope : IDisposable
{
    private readonly CancellationTokenSource _timeout;
    private readonly CancellationTokenSource? _linked;

    public TimeoutScope(TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        _timeout = new CancellationTokenSource(timeout, timeProvider);
        _linked = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _timeout.Token) : null;
        CallerToken = cancellationToken;
    }

    public CancellationToken Token => _linked?.Token ?? _timeout.Token;

    /// <summary>True when the timeout fired and the caller did not cancel.</summary>
    public bool TimedOut => _timeout.IsCancellationRequested && !CallerToken.IsCancellationRequested;

    private CancellationToken CallerToken { get; }

    public void Dispose()
    {
        _linked?.Dispose();
        _timeout.Dispose();
    }
}
