using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Microsoft.Extensions.Logging;
using TldOps.Mail.Smtp.Protocol;

namespace TldOps.Mail.Smtp.Server;

/// <summary>
/// One connection: a command loop over a bounded input buffer, replies collected and flushed
/// before the session waits for input (RFC 2920 §3.1), and every wait under a deadline that the
/// server's heartbeat enforces.
/// </summary>
internal sealed partial class SmtpSession
{
    private readonly SmtpServer _server;
    private readonly Socket _socket;
    private readonly SmtpServerOptions _options;
    private readonly SmtpServerLimits _limits;
    private readonly ILogger _logger;
    private readonly SmtpInputBuffer _input;
    private readonly SmtpOutputBuffer _output = new();
    private readonly SmtpMessageSpool _spool;
    private readonly CancellationTokenSource _sessionCts = new();
    private readonly DateTimeOffset _sessionDeadline;
    private readonly Lock _stateLock = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Stream _stream;
    private CancellationTokenSource _ioCts = new();
    private long _ioDeadlineTicks = long.MaxValue;
    private SmtpRejectReason? _abortReason;
    private bool _stopRequested;
    private bool _waitingForCommand;
    private bool _closing;
    private bool _closed;
    private int _badCommands;
    private SmtpSessionInfo _info;

    public SmtpSession(SmtpServer server, Socket socket, SmtpEndpoint endpoint, long number, string id)
    {
        _server = server;
        _socket = socket;
        _options = server.Options;
        _limits = _options.Limits;
        _logger = server.Logger;
        Number = number;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _input = new SmtpInputBuffer(Math.Max(16 * 1024, _limits.MaxCommandLineLength));
        _spool = new SmtpMessageSpool(_options.SpoolThreshold, _options.SpoolDirectory ?? Path.GetTempPath(), $"tldops-smtp-{id}");
        var now = server.TimeProvider.GetUtcNow();
        _sessionDeadline = now + _limits.MaxSessionDuration;
        _info = new SmtpSessionInfo
        {
            SessionId = id,
            RemoteEndPoint = (IPEndPoint)socket.RemoteEndPoint!,
            LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!,
            Protocol = endpoint.Protocol,
            ConnectedAt = now,
        };
    }

    public long Number { get; }

    public Task Completion => _completion.Task;

    private bool IsLmtp => _info.Protocol == SmtpProtocol.Lmtp;

    public void Start() => _ = Task.Run(RunAsync);

    /// <summary>Heartbeat: cancel the pending wait when its deadline has passed.</summary>
    public void OnHeartbeat(DateTimeOffset now)
    {
        if (now.UtcTicks >= Volatile.Read(ref _ioDeadlineTicks))
        {
            Cancel(SmtpRejectReason.Timeout);
        }
    }

    /// <summary>Graceful stop: a session waiting for a command outside a transaction is told 421 now; others finish first.</summary>
    public void RequestStop()
    {
        lock (_stateLock)
        {
            _stopRequested = true;
            if (_waitingForCommand)
            {
                Cancel(SmtpRejectReason.ShuttingDown);
            }
        }
    }

    /// <summary>Hard stop: cancel everything, including the application's work.</summary>
    public void Abort()
    {
        lock (_stateLock)
        {
            if (_closed)
            {
                return;
            }

            _abortReason ??= SmtpRejectReason.ShuttingDown;
            _ioCts.Cancel();
            _sessionCts.Cancel();
        }

        _socket.Dispose();
    }

    private void Cancel(SmtpRejectReason reason)
    {
        lock (_stateLock)
        {
            if (_closed)
            {
                return;
            }

            _abortReason ??= reason;
            _ioCts.Cancel();
        }
    }

    private async Task RunAsync()
    {
        try
        {
            _logger.LogDebug("{Session} connected from {Remote} on {Protocol}", _info.SessionId, _info.RemoteEndPoint, _info.Protocol);
            Reply(220, null, $"{_options.ServerName} {(IsLmtp ? "LMTP" : "ESMTP")} TldOps");
            while (!_closing)
            {
                var command = await ReadCommandAsync();
                if (command is null)
                {
                    break;
                }

                await DispatchAsync(command);
            }

            await FlushAsync();
        }
        catch (OperationCanceledException) when (_abortReason is { } reason)
        {
            await SayGoodbyeAsync(reason);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            _logger.LogDebug("{Session} connection lost: {Message}", _info.SessionId, ex.Message);
        }
        catch (AuthenticationException ex)
        {
            _logger.LogInformation("{Session} TLS handshake failed: {Message}", _info.SessionId, ex.Message);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "{Session} failed", _info.SessionId);
        }
        finally
        {
            await CloseAsync();
        }
    }

    private async Task SayGoodbyeAsync(SmtpRejectReason reason)
    {
        _logger.LogDebug("{Session} closing: {Reason}", _info.SessionId, reason);
        if (reason == SmtpRejectReason.TlsHandshakeFailed)
        {
            return;
        }

        try
        {
            lock (_stateLock)
            {
                _ioCts.Dispose();
                _ioCts = new CancellationTokenSource();
            }

            // Replies still pending (a 250 before a graceful stop) go out first, then the 421. The
            // goodbye gets one more idle period at most; the heartbeat cancels it after that.
            Reject(reason);
            await FlushAsync();
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            _logger.LogDebug("{Session} could not say goodbye: {Message}", _info.SessionId, ex.Message);
        }
    }

    private async Task CloseAsync()
    {
        try
        {
            await _spool.DisposeAsync();
            await _stream.DisposeAsync();
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            _logger.LogDebug("{Session} close: {Message}", _info.SessionId, ex.Message);
        }
        finally
        {
            _socket.Dispose();
            _input.Dispose();
            _output.Dispose();
            lock (_stateLock)
            {
                _closed = true;
                _ioCts.Dispose();
                _sessionCts.Dispose();
            }

            _server.OnSessionClosed(this);
            _logger.LogDebug("{Session} closed", _info.SessionId);
            _completion.TrySetResult();
        }
    }

    /// <summary>Reads more input under the idle deadline, flushing pending replies first.</summary>
    private async ValueTask<bool> FillAsync(TimeSpan? timeout = null)
    {
        await FlushAsync();
        var token = BeginIo(timeout ?? _limits.IdleTimeout);
        try
        {
            return await _input.FillAsync(_stream, token) > 0;
        }
        finally
        {
            EndIo();
        }
    }

    private async ValueTask FlushAsync()
    {
        if (_output.Length == 0)
        {
            return;
        }

        var token = BeginIo(_limits.IdleTimeout);
        try
        {
            await _output.FlushAsync(_stream, token);
        }
        finally
        {
            EndIo();
        }
    }

    private CancellationToken BeginIo(TimeSpan timeout)
    {
        var deadline = _server.TimeProvider.GetUtcNow() + timeout;
        if (deadline > _sessionDeadline)
        {
            deadline = _sessionDeadline;
        }

        Volatile.Write(ref _ioDeadlineTicks, deadline.UtcTicks);
        lock (_stateLock)
        {
            return _ioCts.Token;
        }
    }

    private void EndIo() => Volatile.Write(ref _ioDeadlineTicks, long.MaxValue);

    private void Reply(int code, string? status, string text)
    {
        _output.WriteNumber(code);
        _output.Write(" "u8);
        if (status is not null)
        {
            _output.WriteUtf8(status);
            _output.Write(" "u8);
        }

        _output.WriteUtf8(text);
        _output.WriteCrlf();
    }

    private void Reply(SmtpDecision decision, string acceptStatus, string acceptText)
    {
        if (decision.IsAccepted)
        {
            Reply(decision.Code, acceptStatus, decision.Text ?? acceptText);
        }
        else
        {
            Reply(decision.Code, decision.EnhancedStatus?.ToString(), decision.Text ?? "Refused");
        }
    }

    private void Reject(SmtpRejectReason reason, string? detail = null)
    {
        var reply = SmtpRejectReplies.For(reason);
        var text = detail is null ? reply.Text : $"{reply.Text}: {detail}";
        Reply(reply.Code, reply.Status, reply.Code == 421 ? $"{_options.ServerName} {text}" : text);
        _logger.LogDebug("{Session} rejected: {Reason} {Detail}", _info.SessionId, reason, detail);
        _closing |= reply.Closes;
        if (SmtpRejectReplies.CountsAsError(reason) && ++_badCommands >= _limits.MaxBadCommands && !_closing)
        {
            Reject(SmtpRejectReason.TooManyErrors);
        }
    }
}
