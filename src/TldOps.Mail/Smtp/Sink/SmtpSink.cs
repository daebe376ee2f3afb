using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using TldOps.Mail.Smtp.Server;

namespace TldOps.Mail.Smtp.Sink;

/// <summary>
/// A small recording SMTP/LMTP server for tests, benchmarks and newcomers: it accepts every
/// message (unless <see cref="SmtpSinkOptions.RecipientPolicy"/> says otherwise), counts it,
/// and optionally writes it to a folder and keeps it in memory.
/// </summary>
/// <remarks>
/// On disk each message is NNNNNNNN.eml (the raw bytes as received) and NNNNNNNN.json (the
/// envelope: from, to, receivedAt, remote, helo, tls, protocol, size). Both are written under a
/// temporary name and renamed; the .json comes last, so its presence means both are complete.
/// The files are flushed to the operating system, not synced to disk: this is a test tool.
/// </remarks>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly SmtpSinkOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly SmtpServer _server;
    private readonly Lock _lock = new();
    private readonly List<SmtpSinkMessage> _messages = [];
    private readonly List<(long Count, TaskCompletionSource Done)> _waiters = [];
    private long _counter;
    private long _received;

    /// <summary>Creates a sink; call <see cref="StartAsync"/> to listen.</summary>
    public SmtpSink(SmtpSinkOptions options, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
        var serverOptions = new SmtpServerOptions
        {
            ServerName = options.ServerName,
            Limits = options.Limits,
            Certificate = options.Certificate,
        };
        serverOptions.Endpoints.Add(new SmtpEndpoint(options.EndPoint, options.Protocol));
        _server = new SmtpServer(serverOptions, new Receiver(this), logger, _timeProvider);
    }

    /// <summary>The address the sink listens on (with the real port), after start.</summary>
    public IPEndPoint EndPoint => _server.BoundEndpoints[0].EndPoint;

    /// <summary>The underlying server (connection counts, for tests).</summary>
    public SmtpServer Server => _server;

    /// <summary>Messages accepted so far.</summary>
    public long MessageCount => Interlocked.Read(ref _received);

    /// <summary>A snapshot of the messages kept in memory (only with <see cref="SmtpSinkOptions.KeepInMemory"/>).</summary>
    public IReadOnlyList<SmtpSinkMessage> Messages
    {
        get
        {
            lock (_lock)
            {
                return _messages.ToArray();
            }
        }
    }

    /// <summary>
    /// Raised after each message is recorded (files written, counters updated), on the
    /// connection's task: handlers must be quick and must not throw.
    /// </summary>
    public event EventHandler<SmtpSinkMessage>? MessageRecorded;

    /// <summary>Starts listening.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_options.Directory is { } directory)
        {
            Directory.CreateDirectory(directory);
            _counter = HighestNumberIn(directory);
        }

        await _server.StartAsync(cancellationToken);
    }

    /// <summary>Stops listening, letting transactions in progress finish.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _server.StopAsync(null, cancellationToken);

    /// <summary>Completes when at least <paramref name="count"/> messages have been accepted.</summary>
    public Task WaitForMessagesAsync(long count, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (MessageCount >= count)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, done));
            return done.Task.WaitAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private static long HighestNumberIn(string directory)
    {
        long highest = 0;
        foreach (var file in Directory.EnumerateFiles(directory, "*.eml"))
        {
            if (long.TryParse(Path.GetFileNameWithoutExtension(file), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                highest = Math.Max(highest, n);
            }
        }

        return highest;
    }

    private async ValueTask<SmtpDecision> RecordAsync(SmtpSessionInfo session, SmtpEnvelope envelope, SmtpMessageContent content, CancellationToken cancellationToken)
    {
        var number = Interlocked.Increment(ref _counter);
        var receivedAt = _timeProvider.GetUtcNow();
        if (_options.Directory is { } directory)
        {
            await WriteFilesAsync(directory, number, session, envelope, content, receivedAt, cancellationToken);
        }

        byte[] bytes = _options.KeepInMemory ? await content.ToArrayAsync(cancellationToken) : [];
        var message = new SmtpSinkMessage(number, envelope, receivedAt, session.RemoteEndPoint, session.HeloName, session.IsSecure, content.Length, bytes);
        lock (_lock)
        {
            if (_options.KeepInMemory)
            {
                _messages.Add(message);
            }

            var received = Interlocked.Increment(ref _received);
            _waiters.RemoveAll(w => w.Count <= received && w.Done.TrySetResult());
        }

        MessageRecorded?.Invoke(this, message);

        return SmtpDecision.Accept(string.Create(CultureInfo.InvariantCulture, $"Ok: recorded as {number:D8}"));
    }

    private static async Task WriteFilesAsync(string directory, long number, SmtpSessionInfo session, SmtpEnvelope envelope, SmtpMessageContent content, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var name = number.ToString("D8", CultureInfo.InvariantCulture);
        var emlTemp = Path.Combine(directory, $".{name}.eml.tmp");
        var stream = new FileStream(emlTemp, FileMode.Create, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
        await using (stream)
        {
            await content.CopyToAsync(stream, cancellationToken);
        }

        File.Move(emlTemp, Path.Combine(directory, $"{name}.eml"), overwrite: true);

        var jsonTemp = Path.Combine(directory, $".{name}.json.tmp");
        var json = new FileStream(jsonTemp, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
        await using (json)
        {
            await using var writer = new Utf8JsonWriter(json, new JsonWriterOptions { Indented = true });
            writer.WriteStartObject();
            writer.WriteString("from", envelope.From.Address);
            writer.WriteStartArray("to");
            foreach (var recipient in envelope.Recipients)
            {
                writer.WriteStringValue(recipient.Address);
            }

            writer.WriteEndArray();
            writer.WriteString("receivedAt", receivedAt);
            writer.WriteString("remote", session.RemoteEndPoint.ToString());
            writer.WriteString("helo", session.HeloName);
            writer.WriteBoolean("tls", session.IsSecure);
            writer.WriteString("protocol", session.Protocol == SmtpProtocol.Lmtp ? "lmtp" : "smtp");
            writer.WriteNumber("size", content.Length);
            writer.WriteEndObject();
        }

        File.Move(jsonTemp, Path.Combine(directory, $"{name}.json"), overwrite: true);
    }

    private sealed class Receiver(SmtpSink sink) : ISmtpMessageReceiver
    {
        public ValueTask<SmtpDecision> OnRecipientAsync(SmtpSessionInfo session, SmtpEnvelope envelope, SmtpAddress recipient, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(sink._options.RecipientPolicy?.Invoke(recipient) ?? SmtpDecision.Accepted);

        public ValueTask<SmtpDecision> OnMessageAsync(SmtpSessionInfo session, SmtpEnvelope envelope, SmtpMessageContent content, CancellationToken cancellationToken = default) =>
            sink.RecordAsync(session, envelope, content, cancellationToken);
    }
}
