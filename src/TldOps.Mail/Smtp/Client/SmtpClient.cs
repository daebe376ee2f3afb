using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TldOps.Mail.Smtp.Protocol;

namespace TldOps.Mail.Smtp.Client;

/// <summary>
/// One SMTP or LMTP connection: EHLO with HELO fallback, STARTTLS, AUTH PLAIN/LOGIN, and
/// transactions with PIPELINING, SIZE, 8BITMIME, SMTPUTF8 and CHUNKING. Every step has a
/// timeout. A broken connection throws <see cref="SmtpProtocolException"/> and is closed; a
/// refused command throws <see cref="SmtpCommandException"/> and the connection stays usable.
/// Not thread-safe: one operation at a time (use <see cref="SmtpConnectionPool"/> for
/// parallel sending).
/// </summary>
public sealed partial class SmtpClient : IAsyncDisposable
{
    private readonly SmtpClientOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly SmtpOutputBuffer _output = new(16 * 1024);
    private readonly IoDeadline _deadline;
    private SmtpInputBuffer? _input;
    private Stream? _stream;
    private string _host = string.Empty;
    private Socket? _socket;
    private EndPoint? _localEndPoint;
    private bool _needsReset;

    /// <summary>Creates a client; nothing happens until <see cref="ConnectAsync(string, int, CancellationToken)"/>.</summary>
    public SmtpClient(SmtpClientOptions? options = null, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        _options = options ?? SmtpClientOptions.Default;
        _logger = logger ?? NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _deadline = new IoDeadline(_timeProvider);
    }

    /// <summary>What the server advertised (after connecting; refreshed after STARTTLS).</summary>
    public SmtpCapabilities Capabilities { get; private set; } = SmtpCapabilities.Basic;

    /// <summary>The server's 220 greeting.</summary>
    public SmtpReply? Greeting { get; private set; }

    /// <summary>True between a successful connect and QUIT, disposal or a broken connection.</summary>
    public bool IsConnected => _stream is not null;

    /// <summary>True after a successful STARTTLS.</summary>
    public bool IsSecure { get; private set; }

    /// <summary>True after a successful AUTH.</summary>
    public bool IsAuthenticated { get; private set; }

    /// <summary>Transactions completed on this connection (end of data answered, accepted or not).</summary>
    public int TransactionCount { get; private set; }

    /// <summary>
    /// True when the last send broke while waiting for the reply to its content: the server
    /// may have taken the message, so sending it again could deliver it twice (RFC 1047).
    /// </summary>
    internal bool DeliveryUncertain { get; private set; }

    /// <summary>
    /// For an idle connection: false when the server has closed it or sent something unasked
    /// (typically a 421 before hanging up), so it must not be reused.
    /// </summary>
    internal bool LooksAlive()
    {
        if (_stream is null || _input is null || _input.Count > 0)
        {
            return false;
        }

        try
        {
            // Readable while idle means end of stream or unsolicited bytes.
            return _socket is null || !_socket.Poll(0, SelectMode.SelectRead);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>Asks for RSET before the next transaction (the pool's check of a connection it reuses).</summary>
    internal void ResetBeforeNextTransaction() => _needsReset = true;

    /// <summary>Connects, reads the greeting, says EHLO (or HELO, LHLO), upgrades to TLS and authenticates as the options say.</summary>
    /// <exception cref="SmtpProtocolException">The connection failed, timed out or broke, or TLS/AUTH was impossible.</exception>
    /// <exception cref="SmtpCommandException">The server refused the greeting, EHLO/HELO, required STARTTLS or AUTH; the connection is closed.</exception>
    public async Task ConnectAsync(string host, int port, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        ThrowIfConnected();
        var socket = await OpenSocketAsync(host, port, cancellationToken);
        _localEndPoint = socket.LocalEndPoint;
        _socket = socket;
        await ConnectAsync(new NetworkStream(socket, ownsSocket: true), host, cancellationToken);
    }

    /// <summary>
    /// Speaks SMTP over a stream that is already connected (a proxy, a test transcript); the
    /// client owns and disposes it. <paramref name="host"/> is the name TLS validates.
    /// </summary>
    /// <exception cref="SmtpProtocolException">The conversation failed or broke.</exception>
    /// <exception cref="SmtpCommandException">The server refused the greeting, EHLO/HELO, required STARTTLS or AUTH.</exception>
    public async Task ConnectAsync(Stream stream, string host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrEmpty(host);
        ThrowIfConnected();
        _stream = stream;
        _host = host;
        _input = new SmtpInputBuffer(Math.Max(16 * 1024, _options.MaxReplyLineLength * 2));
        _needsReset = false;
        TransactionCount = 0;
        try
        {
            await HandshakeAsync(cancellationToken);
        }
        catch
        {
            Break();
            throw;
        }
    }

    /// <summary>Sends NOOP (RFC 5321 §4.1.1.9), for example to check an idle connection.</summary>
    /// <exception cref="SmtpProtocolException">The connection broke.</exception>
    /// <exception cref="SmtpCommandException">The server did not answer 250.</exception>
    public async Task NoopAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfNotConnected();
        WriteCommand("NOOP");
        await FlushAsync(SmtpStep.Noop, _options.CommandTimeout, cancellationToken);
        var reply = await ReadReplyAsync(SmtpStep.Noop, _options.CommandTimeout, cancellationToken);
        if (reply.Code != 250)
        {
            throw new SmtpCommandException(SmtpStep.Noop, reply);
        }
    }

    /// <summary>Sends RSET (RFC 5321 §4.1.1.5), abandoning any transaction in progress.</summary>
    /// <exception cref="SmtpProtocolException">The connection broke.</exception>
    /// <exception cref="SmtpCommandException">The server did not answer 250.</exception>
    public async Task ResetAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfNotConnected();
        WriteCommand("RSET");
        await FlushAsync(SmtpStep.Reset, _options.CommandTimeout, cancellationToken);
        var reply = await ReadReplyAsync(SmtpStep.Reset, _options.CommandTimeout, cancellationToken);
        if (reply.Code != 250)
        {
            throw new SmtpCommandException(SmtpStep.Reset, reply);
        }

        _needsReset = false;
    }

    /// <summary>Says QUIT, waits for the reply and closes the connection (closed whatever happens).</summary>
    /// <exception cref="SmtpProtocolException">The connection broke before the reply.</exception>
    public async Task QuitAsync(CancellationToken cancellationToken = default)
    {
        if (_stream is null)
        {
            return;
        }

        try
        {
            WriteCommand("QUIT");
            await FlushAsync(SmtpStep.Quit, _options.CommandTimeout, cancellationToken);
            await ReadReplyAsync(SmtpStep.Quit, _options.CommandTimeout, cancellationToken);
        }
        finally
        {
            Break();
        }
    }

    /// <summary>Closes the connection without QUIT; use <see cref="QuitAsync"/> to leave politely.</summary>
    public ValueTask DisposeAsync()
    {
        Break();
        _output.Dispose();
        _deadline.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<Socket> OpenSocketAsync(string host, int port, CancellationToken cancellationToken)
    {
        using var scope = new TimeoutScope(_options.ConnectTimeout, _timeProvider, cancellationToken);
        Exception? last = null;
        try
        {
            var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
                ? [literal]
                : await Dns.GetHostAddressesAsync(host, scope.Token);
            foreach (var address in addresses)
            {
                var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(address, port, scope.Token);
                    _logger.LogDebug("Connected to {Host} ({Address}) port {Port}", host, address, port);
                    return socket;
                }
                catch (SocketException ex)
                {
                    socket.Dispose();
                    last = ex;
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            }
        }
        catch (OperationCanceledException) when (scope.TimedOut)
        {
            throw new SmtpProtocolException(SmtpProtocolError.Timeout, SmtpStep.Connect, $"Connecting to {host}:{port} took longer than {_options.ConnectTimeout}.");
        }
        catch (SocketException ex)
        {
            last = ex;
        }

        throw new SmtpProtocolException(SmtpProtocolError.ConnectFailed, SmtpStep.Connect, $"Cannot connect to {host}:{port}: {last?.Message ?? "no address"}", last);
    }

    private void WriteCommand(string command, string? logAs = null)
    {
        _output.WriteUtf8(command);
        _output.WriteCrlf();
        if (_logger.IsEnabled(LogLevel.Trace))
        {
            _logger.LogTrace("C: {Command}", logAs ?? command);
        }
    }

    private async ValueTask FlushAsync(SmtpStep step, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var stream = _stream ?? throw new SmtpProtocolException(SmtpProtocolError.ConnectionLost, step, "The connection is closed.");
        try
        {
            await _output.FlushAsync(stream, _deadline.Arm(timeout, cancellationToken));
        }
        catch (Exception ex)
        {
            var mapped = Translate(ex, step, _deadline.TimedOut, timeout);
            if (ReferenceEquals(mapped, ex))
            {
                throw;
            }

            throw mapped;
        }
    }

    private async ValueTask<SmtpReply> ReadReplyAsync(SmtpStep step, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var input = _input!;
        var lines = new List<string>(1);
        var code = 0;
        while (true)
        {
            var status = input.TryTakeLine(_options.MaxReplyLineLength, out var length, out var consumed);
            if (status is SmtpLineStatus.Line or SmtpLineStatus.BareLineFeedLine)
            {
                if (!SmtpReplySyntax.TryParseLine(input.Span[..length], out var lineCode, out var last, out var text)
                    || (lines.Count > 0 && lineCode != code) || lines.Count >= _options.MaxReplyLines)
                {
                    var shown = Encoding.UTF8.GetString(input.Span[..Math.Min(length, 80)]);
                    Break();
                    throw new SmtpProtocolException(SmtpProtocolError.MalformedReply, step, $"Not a valid SMTP reply line: '{shown}'");
                }

                code = lineCode;
                lines.Add(text);
                input.Consume(consumed);
                if (last)
                {
                    var reply = SmtpReplySyntax.Build(code, lines);
                    if (_logger.IsEnabled(LogLevel.Trace))
                    {
                        _logger.LogTrace("S: {Reply}", reply);
                    }

                    if (code == 421 && step != SmtpStep.Quit)
                    {
                        // RFC 5321 §3.8: 421 may come at any time and means the server is hanging up.
                        Break();
                        throw new SmtpProtocolException(step, reply);
                    }

                    return reply;
                }

                continue;
            }

            if (status == SmtpLineStatus.TooLong)
            {
                Break();
                throw new SmtpProtocolException(SmtpProtocolError.MalformedReply, step, $"Reply line longer than {_options.MaxReplyLineLength} octets.");
            }

            await FillAsync(step, timeout, cancellationToken);
        }
    }

    private async ValueTask FillAsync(SmtpStep step, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var stream = _stream ?? throw new SmtpProtocolException(SmtpProtocolError.ConnectionLost, step, "The connection is closed.");
        int read;
        try
        {
            read = await _input!.FillAsync(stream, _deadline.Arm(timeout, cancellationToken));
        }
        catch (Exception ex)
        {
            var mapped = Translate(ex, step, _deadline.TimedOut, timeout);
            if (ReferenceEquals(mapped, ex))
            {
                throw;
            }

            throw mapped;
        }

        if (read == 0)
        {
            Break();
            throw new SmtpProtocolException(SmtpProtocolError.ConnectionLost, step, $"The server closed the connection during {step}.");
        }
    }

    /// <summary>Maps an I/O failure to the exception the caller sees, closing the connection (its state is unknown).</summary>
    private Exception Translate(Exception ex, SmtpStep step, bool timedOut, TimeSpan timeout)
    {
        Break();
        return ex switch
        {
            OperationCanceledException when timedOut =>
                new SmtpProtocolException(SmtpProtocolError.Timeout, step, $"No progress during {step} within {timeout}.", ex),
            OperationCanceledException => ex,
            IOException or SocketException or ObjectDisposedException =>
                new SmtpProtocolException(SmtpProtocolError.ConnectionLost, step, $"The connection broke during {step}: {ex.Message}", ex),
            _ => ex,
        };
    }

    /// <summary>Closes the connection at once; the state of the conversation is unknown (Npgsql's Break).</summary>
    private void Break()
    {
        var stream = _stream;
        _stream = null;
        _socket = null;
        Capabilities = SmtpCapabilities.Basic;
        IsSecure = false;
        IsAuthenticated = false;
        _output.Clear();
        stream?.Dispose();
        _input?.Dispose();
        _input = null;
    }

    private void ThrowIfConnected()
    {
        if (_stream is not null)
        {
            throw new InvalidOperationException("The client is already connected.");
        }
    }

    private void ThrowIfNotConnected()
    {
        if (_stream is null)
        {
            throw new InvalidOperationException("The client is not connected.");
        }
    }
}
