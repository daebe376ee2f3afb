using TldOps.Mail.Smtp;
using TldOps.Mail.Smtp.Server;

namespace TldOps.Mail.Tests.Smtp.Support;

/// <summary>A message the test receiver was given.</summary>
internal sealed record ReceivedMessage(SmtpSessionInfo Session, SmtpEnvelope Envelope, byte[] Content, bool WasInMemory);

/// <summary>An application for server tests: records messages, with overridable decisions.</summary>
internal sealed class RecordingReceiver : ISmtpMessageReceiver
{
    private readonly Lock _lock = new();
    private readonly List<ReceivedMessage> _messages = [];
    private readonly List<(int Count, TaskCompletionSource Done)> _waiters = [];

    public Func<SmtpAddress, SmtpDecision>? RecipientPolicy { get; init; }

    public Func<SmtpEnvelope, byte[], SmtpDecision>? MessagePolicy { get; init; }

    public Func<SmtpEnvelope, IReadOnlyList<SmtpDecision>>? LmtpPolicy { get; init; }

    /// <summary>Awaited inside OnMessageAsync before deciding (to hold a transaction open).</summary>
    public Func<Task>? BeforeDecision { get; init; }

    public IReadOnlyList<ReceivedMessage> Messages
    {
        get
        {
            lock (_lock)
            {
                return _messages.ToArray();
            }
        }
    }

    public int RecipientCalls;

    public ValueTask<SmtpDecision> OnRecipientAsync(SmtpSessionInfo session, SmtpEnvelope envelope, SmtpAddress recipient, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref RecipientCalls);
        return ValueTask.FromResult(RecipientPolicy?.Invoke(recipient) ?? SmtpDecision.Accepted);
    }

    public async ValueTask<SmtpDecision> OnMessageAsync(SmtpSessionInfo session, SmtpEnvelope envelope, SmtpMessageContent content, CancellationToken cancellationToken = default)
    {
        var bytes = await Record(session, envelope, content, cancellationToken);
        return MessagePolicy?.Invoke(envelope, bytes) ?? SmtpDecision.Accepted;
    }

    public async ValueTask<IReadOnlyList<SmtpDecision>> OnLmtpMessageAsync(SmtpSessionInfo session, SmtpEnvelope envelope, SmtpMessageContent content, CancellationToken cancellationToken = default)
    {
        var bytes = await Record(session, envelope, content, cancellationToken);
        return LmtpPolicy?.Invoke(envelope)
            ?? Enumerable.Repeat(MessagePolicy?.Invoke(envelope, bytes) ?? SmtpDecision.Accepted, envelope.Recipients.Count).ToArray();
    }

    public Task WaitForMessagesAsync(int count)
    {
        lock (_lock)
        {
            if (_messages.Count >= count)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, done));
            return done.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    private async Task<byte[]> Record(SmtpSessionInfo session, SmtpEnvelope envelope, SmtpMessageContent content, CancellationToken cancellationToken)
    {
        if (BeforeDecision is not null)
        {
            await BeforeDecision();
        }

        // Read through the stream too, so both access paths are exercised.
        byte[] bytes;
        await using (var stream = content.OpenRead())
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, cancellationToken);
            bytes = copy.ToArray();
        }

        Assert.Equal(content.Length, bytes.Length);
        lock (_lock)
        {
            _messages.Add(new ReceivedMessage(session, envelope, bytes, content.IsInMemory));
            _waiters.RemoveAll(w => w.Count <= _messages.Count && w.Done.TrySetResult());
        }

        return bytes;
    }
}
