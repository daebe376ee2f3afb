namespace TldOps.Mail.Smtp.Client;

/// <summary>
/// Limits of an <see cref="SmtpConnectionPool"/>. <see cref="Default"/> is frozen; call
/// <see cref="FreezableOptions{TSelf}.Clone"/> to change a value.
/// </summary>
public sealed class SmtpConnectionPoolOptions : FreezableOptions<SmtpConnectionPoolOptions>
{
    private SmtpClientOptions _clientOptions = SmtpClientOptions.Default;
    private int _maxConnectionsPerDestination = 20;
    private TimeSpan _maxIdleTime = TimeSpan.FromSeconds(10);
    private int _maxMessagesPerConnection = 1000;
    private TimeSpan _maxConnectionLifetime = TimeSpan.FromMinutes(5);

    /// <summary>The frozen defaults.</summary>
    public static SmtpConnectionPoolOptions Default { get; } = new SmtpConnectionPoolOptions().Freeze();

    /// <summary>
    /// Timeouts, EHLO name, certificate validation and pipelining for every connection; the
    /// destination's own TLS policy, credentials and protocol replace those in these options.
    /// </summary>
    public SmtpClientOptions ClientOptions
    {
        get => _clientOptions;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            Set(ref _clientOptions, value);
        }
    }

    /// <summary>
    /// Connections open at once to one destination; further sends wait for one to be free.
    /// Default 20: Postfix's default_destination_concurrency_limit. 1 to 1000.
    /// </summary>
    public int MaxConnectionsPerDestination
    {
        get => _maxConnectionsPerDestination;
        set => SetInRange(ref _maxConnectionsPerDestination, value, 1, 1000);
    }

    /// <summary>
    /// How long an unused connection is kept. Default 10 seconds: Postfix's smtpd drops idle
    /// clients after 10 seconds when under load (smtpd_timeout's stress value), so a longer wait
    /// mostly finds connections the server has already closed. 1 second to 5 minutes.
    /// </summary>
    public TimeSpan MaxIdleTime
    {
        get => _maxIdleTime;
        set => SetInRange(ref _maxIdleTime, value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
    }

    /// <summary>
    /// Transactions sent over one connection before it is retired. Default 1000: Exim's
    /// smtp_accept_max_per_connection, the lowest such server limit in wide use. 1 to 1,000,000.
    /// </summary>
    public int MaxMessagesPerConnection
    {
        get => _maxMessagesPerConnection;
        set => SetInRange(ref _maxMessagesPerConnection, value, 1, 1_000_000);
    }

    /// <summary>
    /// Age after which a connection is retired instead of reused. Default 5 minutes: Postfix's
    /// smtp_connection_reuse_time_limit. 1 second to 1 day.
    /// </summary>
    public TimeSpan MaxConnectionLifetime
    {
        get => _maxConnectionLifetime;
        set => SetInRange(ref _maxConnectionLifetime, value, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
    }
}
