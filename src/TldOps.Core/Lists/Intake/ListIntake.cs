using System.Data.Common;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using TldOps.Core.Lists.Posts;
using TldOps.Core.Storage;
using TldOps.Core.Storage.Queues;
using TldOps.Mail.Mime;
using TldOps.Mail.Smtp;
using TldOps.Mail.Smtp.Server;

namespace TldOps.Core.Lists.Intake;

/// <summary>
/// The list's side of the SMTP/LMTP listener. RCPT is accepted only for the list's own addresses
/// (posting, -request, -owner, postmaster, -bounces and its VERP forms). At the end of the data
/// the bytes are stored once and queued in ONE transaction — an <c>in</c> entry for everything but
/// bounces, a <c>bounces</c> entry for mail to the bounce addresses — and only then does the
/// server answer 250: a crash after the reply loses nothing. A database failure answers 451, so
/// the sending server keeps the message and tries again.
/// </summary>
public sealed partial class ListIntake(Database database, MessageStore messages, QueueStore queues, ListOptions options, TimeProvider clock, ILogger<ListIntake> logger)
    : ISmtpMessageReceiver
{
    // Enough to hold any sane header block; an [ALERT] subject hidden further down just travels in the normal lane.
    private const int HeaderScanLimit = 64 * 1024;

    public ValueTask<SmtpDecision> OnRecipientAsync(SmtpSessionInfo session, SmtpEnvelope envelope, SmtpAddress recipient, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        return ValueTask.FromResult(options.Addresses.Classify(recipient.Address, out _) == ListAddressKind.None
            ? SmtpDecision.UnknownRecipient($"{recipient.Address} is not an address of this list")
            : SmtpDecision.Accepted);
    }

    public async ValueTask<SmtpDecision> OnMessageAsync(SmtpSessionInfo session, SmtpEnvelope envelope, SmtpMessageContent content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(content);
        var raw = await content.ToArrayAsync(cancellationToken).ConfigureAwait(false);
        var bounces = new List<string>();
        var others = new List<string>();
        foreach (var recipient in envelope.Recipients)
        {
            (options.Addresses.Classify(recipient.Address, out _) == ListAddressKind.Bounces ? bounces : others).Add(recipient.Address);
        }

        var sender = envelope.From.IsNullPath ? null : envelope.From.Address;
        var payload = JsonSerializer.Serialize(new IntakePayload(
            clock.GetUtcNow(), session.RemoteEndPoint.ToString(), session.HeloName, session.Protocol == SmtpProtocol.Lmtp ? "lmtp" : "smtp", session.IsSecure), JsonSerializerOptions.Web);
        var priority = IsAlert(raw) ? QueuePriority.Alert : QueuePriority.Normal;
        try
        {
            await database.InTransactionAsync(async (connection, transaction) =>
            {
                var messageId = await messages.AddAsync(connection, transaction, raw, cancellationToken).ConfigureAwait(false);
                await EnqueueAsync(connection, transaction, QueueNames.In, priority, messageId, sender, others, payload, cancellationToken).ConfigureAwait(false);
                await EnqueueAsync(connection, transaction, QueueNames.Bounces, QueuePriority.Normal, messageId, sender, bounces, payload, cancellationToken).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is DbException or TimeoutException)
        {
            Log.StoreFailed(logger, ex, session.SessionId);
            return SmtpDecision.TemporaryFailure("Cannot store the message right now; try again later");
        }

        if (others.Count > 0)
        {
            queues.Notify(QueueNames.In);
        }

        if (bounces.Count > 0)
        {
            queues.Notify(QueueNames.Bounces);
        }

        Log.Queued(logger, session.SessionId, raw.Length, sender ?? "<>", envelope.Recipients.Count);
        return SmtpDecision.Accepted;
    }

    private Task EnqueueAsync(DbConnection connection, DbTransaction transaction, string queue, int priority, long messageId, string? sender, List<string> recipients, string payload, CancellationToken cancellationToken) =>
        recipients.Count == 0
            ? Task.CompletedTask
            : queues.EnqueueAsync(connection, transaction, new NewQueueEntry(queue, priority, messageId, sender, Recipients: recipients, Payload: payload), cancellationToken);

    /// <summary>Whether the header block's Subject carries [ALERT], so an alert waits behind nothing even in <c>in</c>.</summary>
    private static bool IsAlert(byte[] raw)
    {
        var span = raw.AsSpan(0, Math.Min(raw.Length, HeaderScanLimit));
        var end = span.IndexOf("\r\n\r\n"u8);
        var headers = end < 0 ? span : span[..(end + 4)];
        return PostClassifier.IsAlertSubject(MimeMessage.Load(headers.ToArray()).Subject);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Error, Message = "Session {SessionId}: could not store the message; answered 451")]
        public static partial void StoreFailed(ILogger logger, Exception exception, string sessionId);

        [LoggerMessage(Level = LogLevel.Debug, Message = "Session {SessionId}: queued {Size} octets from {Sender} for {Count} recipients")]
        public static partial void Queued(ILogger logger, string sessionId, int size, string sender, int count);
    }
}
