using TldOps.Mail;

namespace TldOps.Core.Registry.Iana;

/// <summary>
/// What <see cref="WhoisClientOptions"/> and <see cref="RdapClientOptions"/> share: timeouts, the
/// response cap, and politeness towards IANA's servers (a minimum interval between queries,
/// bounded retries with exponential back-off). <c>Default</c> instances are frozen, and so are the
/// copies the clients keep; change a <see cref="FreezableOptions{TSelf}.Clone"/>.
/// </summary>
/// <typeparam name="TSelf">The client's options class.</typeparam>
public abstract class LiveSourceOptions<TSelf> : FreezableOptions<TSelf>
    where TSelf : LiveSourceOptions<TSelf>
{
    private TimeSpan _connectTimeout = TimeSpan.FromSeconds(10);
    private TimeSpan _readTimeout = TimeSpan.FromSeconds(20);
    private int _maxResponseBytes = 256 * 1024;
    private TimeSpan _minimumInterval = TimeSpan.FromSeconds(1);
    private int _maxAttempts = 3;
    private TimeSpan _retryDelay = TimeSpan.FromSeconds(2);
    private TimeSpan _maxRetryDelay = TimeSpan.FromSeconds(30);

    /// <summary>How long connecting may take. Default 10 s. <see cref="Timeout.InfiniteTimeSpan"/> waits for ever.</summary>
    public TimeSpan ConnectTimeout
    {
        get => _connectTimeout;
        set => SetTimeout(ref _connectTimeout, value);
    }

    /// <summary>How long the whole answer may take once connected. Default 20 s. <see cref="Timeout.InfiniteTimeSpan"/> waits for ever.</summary>
    public TimeSpan ReadTimeout
    {
        get => _readTimeout;
        set => SetTimeout(ref _readTimeout, value);
    }

    /// <summary>The largest answer read, in bytes. Default 256 KiB: IANA's answers for a TLD are a few KB (RDAP's carry notices too).</summary>
    public int MaxResponseBytes
    {
        get => _maxResponseBytes;
        set => SetAtLeast(ref _maxResponseBytes, value, 1);
    }

    /// <summary>
    /// The least time between the starts of two queries (retries included). Default 1 s: one query
    /// a second is the rate at which whois.iana.org answers a full sync of ~1,450 TLDs without
    /// refusing; a ccTLD sync (309 TLDs) takes about five minutes.
    /// </summary>
    public TimeSpan MinimumInterval
    {
        get => _minimumInterval;
        set => SetAtLeast(ref _minimumInterval, value, TimeSpan.Zero);
    }

    /// <summary>How many times a query is tried when it fails transiently. Default 3.</summary>
    public int MaxAttempts
    {
        get => _maxAttempts;
        set => SetAtLeast(ref _maxAttempts, value, 1);
    }

    /// <summary>The wait before the first retry; it doubles for each further one. Default 2 s.</summary>
    public TimeSpan RetryDelay
    {
        get => _retryDelay;
        set => SetAtLeast(ref _retryDelay, value, TimeSpan.Zero);
    }

    /// <summary>The longest wait between two attempts, also for a server's Retry-After. Default 30 s.</summary>
    public TimeSpan MaxRetryDelay
    {
        get => _maxRetryDelay;
        set => SetAtLeast(ref _maxRetryDelay, value, TimeSpan.Zero);
    }

    /// <summary>The wait before attempt <paramref name="attempt"/> + 1 (1-based), after a failure that suggested <paramref name="retryAfter"/>.</summary>
    internal TimeSpan BackOff(int attempt, TimeSpan? retryAfter)
    {
        var exponential = RetryDelay * Math.Pow(2, Math.Min(attempt - 1, 16));
        var wait = retryAfter is { } asked && asked > exponential ? asked : exponential;
        return wait < MaxRetryDelay ? wait : MaxRetryDelay;
    }

    private void SetTimeout(ref TimeSpan field, TimeSpan value)
    {
        ThrowIfFrozen();
        if (value != Timeout.InfiniteTimeSpan)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
        }

        field = value;
    }
}
