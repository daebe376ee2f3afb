using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace TldOps.Mail.Smtp.Server;

/// <summary>
/// An ESMTP (RFC 5321) and LMTP (RFC 2033) listener with PIPELINING, SIZE, 8BITMIME, SMTPUTF8,
/// ENHANCEDSTATUSCODES, STARTTLS and CHUNKING. The application decides through an
/// <see cref="ISmtpMessageReceiver"/>. All I/O is asynchronous with bounded buffers; every
/// timeout is enforced by one heartbeat that ticks each second.
/// </summary>
public sealed partial class SmtpServer : IAsyncDisposable
{
    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(1);

    private readonly SmtpServerOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentDictionary<long, SmtpSession> _sessions = new();
    private readonly List<Listener> _listeners = [];
    private readonly ConnectionRateLimiter _rateLimiter;
    private readonly CancellationTokenSource _acceptCts = new();
    private readonly string _sessionIdPrefix;
    private ITimer? _heartbeat;
    private long _sessionCounter;
    private long _heartbeatTicks;
    private int _connectionCount;
    private int _state;

    /// <summary>Creates a server; nothing listens until <see cref="StartAsync"/>.</summary>
    /// <param name="options">Endpoints, limits and TLS; read at start, do not change them afterwards.</param>
    /// <param name="receiver">The application's decisions.</param>
    /// <param name="logger">Where to log; client mistakes go to Debug, failures of the receiver to Error.</param>
    /// <param name="timeProvider">The clock for timeouts and rate limits; default the system clock.</param>
    /// <exception cref="ArgumentException">No endpoint is configured.</exception>
    public SmtpServer(SmtpServerOptions options, ISmtpMessageReceiver receiver, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(receiver);
        if (options.Endpoints.Count == 0)
        {
            throw new ArgumentException("At least one endpoint is needed.", nameof(options));
        }

        _options = options;
        Receiver = receiver;
        _logger = logger ?? NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _rateLimiter = new ConnectionRateLimiter(options.Limits.MaxConnectionsPerIpPerMinute);
        _sessionIdPrefix = _timeProvider.GetUtcNow().ToUnixTimeSeconds().ToString("x", CultureInfo.InvariantCulture);
    }

    /// <summary>The endpoints actually bound (with the ports the system chose for port 0), after start.</summary>
    public IReadOnlyList<SmtpEndpoint> BoundEndpoints =>
        _listeners.Select(l => new SmtpEndpoint((IPEndPoint)l.Socket.LocalEndPoint!, l.Endpoint.Protocol)).ToArray();

    /// <summary>Connections open right now.</summary>
    public int ConnectionCount => Volatile.Read(ref _connectionCount);

    /// <summary>Connections accepted (and not refused by a limit) since start.</summary>
    public long AcceptedConnections => Interlocked.Read(ref _sessionCounter);

    internal SmtpServerOptions Options => _options;

    internal ISmtpMessageReceiver Receiver { get; }

    internal ILogger Logger => _logger;

    internal TimeProvider TimeProvider => _timeProvider;

    /// <summary>Binds every endpoint and starts accepting connections.</summary>
    /// <exception cref="InvalidOperationException">The server was already started.</exception>
    /// <exception cref="SocketException">An endpoint could not be bound.</exception>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            throw new InvalidOperationException("The server was already started.");
        }

        try
        {
            foreach (var endpoint in _options.Endpoints)
            {
                var socket = new Socket(endpoint.EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                _listeners.Add(new Listener(socket, endpoint));
                socket.Bind(endpoint.EndPoint);
                socket.Listen(512);
            }
        }
        catch
        {
            foreach (var listener in _listeners)
            {
                listener.Socket.Dispose();
            }

            _listeners.Clear();
            throw;
        }

        _heartbeat = _timeProvider.CreateTimer(_ => OnHeartbeat(), null, HeartbeatInterval, HeartbeatInterval);
        foreach (var listener in _listeners)
        {
            listener.AcceptLoop = Task.Run(() => AcceptLoopAsync(listener));
            _logger.LogInformation("SMTP server listening on {Endpoint}", listener.Socket.LocalEndPoint);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Stops gracefully: stops accepting, answers idle connections 421 4.3.2, lets transactions in
    /// progress finish, and aborts whatever remains when <paramref name="cancellationToken"/> is
    /// cancelled or <paramref name="timeout"/> (default 30 seconds, the .NET generic host's
    /// shutdown timeout) has passed.
    /// </summary>
    public async Task StopAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _state, 2, 1) != 1)
        {
            return;
        }

        await _acceptCts.CancelAsync();
        foreach (var listener in _listeners)
        {
            listener.Socket.Dispose();
        }

        await Task.WhenAll(_listeners.Select(l => l.AcceptLoop ?? Task.CompletedTask));
        foreach (var session in _sessions.Values)
        {
            session.RequestStop();
        }

        var running = Task.WhenAll(_sessions.Values.Select(s => s.Completion));
        try
        {
            await running.WaitAsync(timeout ?? TimeSpan.FromSeconds(30), _timeProvider, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            _logger.LogWarning("SMTP server stop deadline reached; aborting {Count} connections", _sessions.Count);
            foreach (var session in _sessions.Values)
            {
                session.Abort();
            }

            await Task.WhenAll(_sessions.Values.Select(s => s.Completion));
        }

        _heartbeat?.Dispose();
        _logger.LogInformation("SMTP server stopped");
    }

    /// <summary>Same as <see cref="StopAsync"/> with its defaults.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Volatile.Read(ref _state) == 1)
        {
            await StopAsync();
        }

        _heartbeat?.Dispose();
        foreach (var listener in _listeners)
        {
            listener.Socket.Dispose();
        }

        _acceptCts.Dispose();
    }

    /// <summary>Completes when every connection open now has closed (for tests).</summary>
    internal Task WhenOpenSessionsClosedAsync() => Task.WhenAll(_sessions.Values.Select(s => s.Completion));

    /// <summary>Raised after a connection is freed (for tests that wait for one).</summary>
    internal event Action? SessionClosed;

    internal void OnSessionClosed(SmtpSession session)
    {
        _sessions.TryRemove(session.Number, out _);
        Interlocked.Decrement(ref _connectionCount);
        SessionClosed?.Invoke();
    }

    private async Task AcceptLoopAsync(Listener listener)
    {
        while (!_acceptCts.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.Socket.AcceptAsync(_acceptCts.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionAborted or SocketError.ConnectionReset)
            {
                continue;
            }
            catch (SocketException ex)
            {
                // Out of descriptors or similar: log, and give the system a heartbeat to recover.
                _logger.LogError(ex, "Accepting on {Endpoint} failed", listener.Endpoint);
                await Task.Delay(HeartbeatInterval, _timeProvider, CancellationToken.None);
                continue;
            }

            Admit(socket, listener.Endpoint);
        }
    }

    private void Admit(Socket socket, SmtpEndpoint endpoint)
    {
        socket.NoDelay = true;
        if (socket.RemoteEndPoint is not IPEndPoint remote)
        {
            socket.Dispose();
            return;
        }

        if (!_rateLimiter.TryAcquire(remote.Address, _timeProvider.GetUtcNow()))
        {
            Refuse(socket, remote, SmtpRejectReason.ConnectionRateExceeded);
            return;
        }

        if (Interlocked.Increment(ref _connectionCount) > _options.Limits.MaxConcurrentConnections)
        {
            Interlocked.Decrement(ref _connectionCount);
            Refuse(socket, remote, SmtpRejectReason.TooManyConnections);
            return;
        }

        var number = Interlocked.Increment(ref _sessionCounter);
        var id = string.Create(CultureInfo.InvariantCulture, $"{_sessionIdPrefix}.{number:x}");
        var session = new SmtpSession(this, socket, endpoint, number, id);
        _sessions[number] = session;
        session.Start();
    }

    private void Refuse(Socket socket, IPEndPoint remote, SmtpRejectReason reason)
    {
        var reply = SmtpRejectReplies.For(reason);
        _logger.LogInformation("Refused connection from {Remote}: {Reason}", remote, reason);
        try
        {
            // A fresh socket's send buffer is empty, so this short write cannot block.
            socket.Send(Encoding.ASCII.GetBytes($"{reply.Code} {reply.Status} {_options.ServerName} {reply.Text}\r\n"));
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // The client left first; there is nobody to tell.
        }
        finally
        {
            socket.Dispose();
        }
    }

    private void OnHeartbeat()
    {
        var now = _timeProvider.GetUtcNow();
        foreach (var session in _sessions.Values)
        {
            session.OnHeartbeat(now);
        }

        // Forget rate-limit windows once a minute; the table then holds at most one minute of addresses.
        if (Interlocked.Increment(ref _heartbeatTicks) % 60 == 0)
        {
            _rateLimiter.Prune(now);
        }
    }

    private sealed class Listener(Socket socket, SmtpEndpoint endpoint)
    {
        public Socket Socket { get; } = socket;

        public SmtpEndpoint Endpoint { get; } = endpoint;

        public Task? AcceptLoop { get; set; }
    }
}
