using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace TldOps.Mail.Smtp.Client;

/// <summary>
/// Reusable SMTP connections per <see cref="SmtpDestination"/>: at most
/// <see cref="SmtpConnectionPoolOptions.MaxConnectionsPerDestination"/> at once, reused
/// most-recently-used first, checked with RSET (pipelined with the next MAIL, so free of round
/// trips), closed with QUIT when idle too long, too old or used too often. Thread-safe: send
/// from as many tasks as you like.
/// </summary>
public sealed class SmtpConnectionPool : IAsyncDisposable
{
    private readonly SmtpConnectionPoolOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentDictionary<SmtpDestination, DestinationPool> _pools = new();
    private readonly ConcurrentDictionary<Task, byte> _retiring = new();
    private readonly ITimer _sweeper;
    private int _openConnections;
    private volatile bool _disposed;

    /// <summary>Creates an empty pool.</summary>
    public SmtpConnectionPool(SmtpConnectionPoolOptions? options = null, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        _options = options ?? SmtpConnectionPoolOptions.Default;
        _logger = logger ?? NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
        var period = _options.MaxIdleTime / 2;
        _sweeper = _timeProvider.CreateTimer(_ => Sweep(), null, period, period);
    }

    /// <summary>Connections open now, busy or idle, across all destinations.</summary>
    public int OpenConnections => Volatile.Read(ref _openConnections);

    /// <summary>
    /// Sends one message over a pooled connection to <paramref name="destination"/> (see
    /// <see cref="SmtpClient.SendAsync"/>). A reused connection that turns out to have been
    /// closed by the server is replaced once, unless it broke while the server may already have
    /// taken the message (waiting for the end-of-data reply), where a resend could duplicate it.
    /// </summary>
    /// <exception cref="SmtpCommandException">The server refused the transaction, or connecting was refused.</exception>
    /// <exception cref="SmtpProtocolException">Connecting failed or the connection broke.</exception>
    /// <exception cref="ObjectDisposedException">The pool was disposed.</exception>
    public async Task<SmtpSendResult> SendAsync(SmtpDestination destination, SmtpEnvelope envelope, ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(envelope);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var pool = _pools.GetOrAdd(destination, d => new DestinationPool(d, _options));
        await pool.Slots.WaitAsync(cancellationToken);
        try
        {
            // Bounded: a second failure is never retried.
            for (var attempt = 0; ; attempt++)
            {
                var reused = TakeIdle(pool);
                var connection = reused ?? await OpenAsync(pool, cancellationToken);
                try
                {
                    var result = await connection.Client.SendAsync(envelope, message, cancellationToken);
                    Return(pool, connection);
                    return result;
                }
                catch (SmtpCommandException)
                {
                    Return(pool, connection);
                    throw;
                }
                catch (SmtpProtocolException ex) when (reused is not null && attempt == 0 && !connection.Client.DeliveryUncertain)
                {
                    _logger.LogDebug("Pooled connection to {Destination} had gone stale ({Message}); opening a new one", destination, ex.Message);
                    await CloseAsync(connection);
                }
                catch
                {
                    await CloseAsync(connection);
                    throw;
                }
            }
        }
        finally
        {
            pool.Slots.Release();
        }
    }

    /// <summary>Closes every idle connection with QUIT; busy ones are closed when their send ends.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _sweeper.DisposeAsync();
        foreach (var pool in _pools.Values)
        {
            foreach (var connection in pool.DrainIdle())
            {
                Retire(connection);
            }
        }

        await Task.WhenAll(_retiring.Keys);
    }

    private async Task<PooledConnection> OpenAsync(DestinationPool pool, CancellationToken cancellationToken)
    {
        var client = new SmtpClient(pool.ClientOptions, _logger, _timeProvider);
        try
        {
            await client.ConnectAsync(pool.Destination.Host, pool.Destination.Port, cancellationToken);
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }

        Interlocked.Increment(ref _openConnections);
        return new PooledConnection(client, _timeProvider.GetUtcNow());
    }

    private PooledConnection? TakeIdle(DestinationPool pool)
    {
        var now = _timeProvider.GetUtcNow();
        while (pool.TryPopIdle(out var connection))
        {
            if (now - connection.IdleSince < _options.MaxIdleTime && connection.Client.LooksAlive())
            {
                return connection;
            }

            Retire(connection);
        }

        return null;
    }

    private void Return(DestinationPool pool, PooledConnection connection)
    {
        var now = _timeProvider.GetUtcNow();
        var client = connection.Client;
        if (_disposed || !client.IsConnected
            || client.TransactionCount >= _options.MaxMessagesPerConnection
            || now - connection.CreatedAt >= _options.MaxConnectionLifetime)
        {
            Retire(connection);
            return;
        }

        client.ResetBeforeNextTransaction();
        connection.IdleSince = now;
        pool.PushIdle(connection);
    }

    private void Sweep()
    {
        var now = _timeProvider.GetUtcNow();
        foreach (var pool in _pools.Values)
        {
            foreach (var connection in pool.TakeExpired(now, _options.MaxIdleTime))
            {
                Retire(connection);
            }
        }
    }

    /// <summary>QUIT in the background; DisposeAsync waits for every one of these.</summary>
    private void Retire(PooledConnection connection)
    {
        var task = QuitQuietlyAsync(connection);
        _retiring.TryAdd(task, 0);
        _ = task.ContinueWith(t => _retiring.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task QuitQuietlyAsync(PooledConnection connection)
    {
        try
        {
            if (connection.Client.IsConnected)
            {
                await connection.Client.QuitAsync();
            }
        }
        catch (SmtpException ex)
        {
            _logger.LogDebug("QUIT failed: {Message}", ex.Message);
        }
        finally
        {
            await CloseAsync(connection);
        }
    }

    private async ValueTask CloseAsync(PooledConnection connection)
    {
        if (connection.MarkClosed())
        {
            Interlocked.Decrement(ref _openConnections);
        }

        await connection.Client.DisposeAsync();
    }

    private sealed class PooledConnection(SmtpClient client, DateTimeOffset createdAt)
    {
        private int _closed;

        public SmtpClient Client { get; } = client;

        public DateTimeOffset CreatedAt { get; } = createdAt;

        public DateTimeOffset IdleSince { get; set; } = createdAt;

        public bool MarkClosed() => Interlocked.Exchange(ref _closed, 1) == 0;
    }

    private sealed class DestinationPool
    {
        private readonly Lock _lock = new();
        private readonly List<PooledConnection> _idle = [];

        public DestinationPool(SmtpDestination destination, SmtpConnectionPoolOptions options)
        {
            Destination = destination;
            Slots = new SmtpSlotGate(options.MaxConnectionsPerDestination);
            var client = options.ClientOptions.Clone();
            client.StartTls = destination.StartTls;
            client.Credentials = destination.Credentials;
            client.Protocol = destination.Protocol;
            ClientOptions = client.Freeze();
        }

        public SmtpDestination Destination { get; }

        public SmtpSlotGate Slots { get; }

        public SmtpClientOptions ClientOptions { get; }

        public void PushIdle(PooledConnection connection)
        {
            lock (_lock)
            {
                _idle.Add(connection);
            }
        }

        /// <summary>The most recently used idle connection (warm ones get reused, cold ones expire).</summary>
        public bool TryPopIdle(out PooledConnection connection)
        {
            lock (_lock)
            {
                if (_idle.Count == 0)
                {
                    connection = null!;
                    return false;
                }

                connection = _idle[^1];
                _idle.RemoveAt(_idle.Count - 1);
                return true;
            }
        }

        public List<PooledConnection> TakeExpired(DateTimeOffset now, TimeSpan maxIdle)
        {
            lock (_lock)
            {
                var expired = _idle.Where(c => now - c.IdleSince >= maxIdle).ToList();
                _idle.RemoveAll(expired.Contains);
                return expired;
            }
        }

        public List<PooledConnection> DrainIdle()
        {
            lock (_lock)
            {
                var all = _idle.ToList();
                _idle.Clear();
                return all;
            }
        }
    }
}
