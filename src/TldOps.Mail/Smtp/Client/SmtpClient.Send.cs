using System.Globalization;
using TldOps.Mail.Smtp.Protocol;

namespace TldOps.Mail.Smtp.Client;

/// <summary>Mail transactions: MAIL, RCPT, DATA or BDAT, pipelined when the server allows.</summary>
public sealed partial class SmtpClient
{
    private const int ContentChunkSize = 64 * 1024;

    /// <summary>
    /// Sends one message to the envelope's recipients. With PIPELINING and CHUNKING the whole
    /// transaction (RSET if needed, MAIL, every RCPT, BDAT LAST and the content) leaves in one
    /// write and costs one round trip. Bare LF line ends are sent as CRLF, dots are stuffed
    /// for DATA, and BODY/SMTPUTF8/SIZE are chosen from the bytes (see the downgrade rules on
    /// <see cref="SmtpCommandException"/> with step <see cref="SmtpStep.CapabilityCheck"/>).
    /// </summary>
    /// <returns>One result per recipient: refused at RCPT, or decided by the end-of-data reply.</returns>
    /// <exception cref="SmtpCommandException">
    /// The transaction as a whole was refused: MAIL FROM, DATA/BDAT, or (SMTP) the end-of-data
    /// reply, or the message cannot be carried (CapabilityCheck). The connection stays usable.
    /// </exception>
    /// <exception cref="SmtpProtocolException">The connection broke; it is closed.</exception>
    public async Task<SmtpSendResult> SendAsync(SmtpEnvelope envelope, ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (envelope.Recipients.Count == 0)
        {
            throw new ArgumentException("The envelope has no recipient.", nameof(envelope));
        }

        ThrowIfNotConnected();
        DeliveryUncertain = false;
        var plan = SmtpTransactionPlan.Create(envelope, message.Span, Capabilities, _options);
        var transaction = new Transaction(envelope, message, plan);
        if (transaction.ToSend.Count == 0)
        {
            return transaction.Result();
        }

        if (Capabilities.Pipelining && _options.UsePipelining)
        {
            await SendPipelinedAsync(transaction, cancellationToken);
        }
        else
        {
            await SendStepByStepAsync(transaction, cancellationToken);
        }

        return transaction.Result();
    }

    private async Task SendPipelinedAsync(Transaction transaction, CancellationToken cancellationToken)
    {
        var hadReset = _needsReset;
        if (_needsReset)
        {
            WriteCommand("RSET");
        }

        WriteCommand(transaction.Plan.MailCommand);
        _needsReset = true;
        var batch = _options.MaxPipelinedRecipients;
        SmtpReply? mailReply = null;
        for (var start = 0; start < transaction.ToSend.Count; start += batch)
        {
            var count = Math.Min(batch, transaction.ToSend.Count - start);
            var isLast = start + count == transaction.ToSend.Count;
            for (var i = start; i < start + count; i++)
            {
                WriteCommand($"RCPT TO:{transaction.RecipientAt(i).ToPath()}");
            }

            if (isLast)
            {
                await WriteFinalCommandAsync(transaction, cancellationToken);
            }

            await FlushAsync(SmtpStep.RcptTo, _options.CommandTimeout, cancellationToken);
            if (start == 0)
            {
                await ReadResetReplyAsync(hadReset, cancellationToken);
                mailReply = await ReadReplyAsync(SmtpStep.MailFrom, _options.CommandTimeout, cancellationToken);
            }

            for (var i = start; i < start + count; i++)
            {
                transaction.Record(i, await ReadReplyAsync(SmtpStep.RcptTo, _options.CommandTimeout, cancellationToken));
            }

            if (!mailReply!.IsPositive && !isLast)
            {
                // The server refused MAIL: stop sending recipients; the transaction never opened.
                throw new SmtpCommandException(SmtpStep.MailFrom, mailReply, transaction.Envelope.From);
            }
        }

        await FinishPipelinedAsync(transaction, mailReply!, cancellationToken);
    }

    private async Task ReadResetReplyAsync(bool hadReset, CancellationToken cancellationToken)
    {
        if (!hadReset)
        {
            return;
        }

        var reset = await ReadReplyAsync(SmtpStep.Reset, _options.CommandTimeout, cancellationToken);
        if (reset.Code != 250)
        {
            // A server that cannot reset is in no state to be trusted with the rest of the group.
            Break();
            throw new SmtpProtocolException(SmtpProtocolError.MalformedReply, SmtpStep.Reset, $"RSET was answered {reset}.");
        }
    }

    /// <summary>DATA, or BDAT with the whole content, at the end of the pipelined group.</summary>
    private async Task WriteFinalCommandAsync(Transaction transaction, CancellationToken cancellationToken)
    {
        if (transaction.Plan.UseBdat)
        {
            WriteCommand(string.Create(CultureInfo.InvariantCulture, $"BDAT {transaction.Plan.Size} LAST"));
            await WriteContentAsync(transaction, dotStuff: false, cancellationToken);
        }
        else
        {
            WriteCommand("DATA");
        }
    }

    private async Task FinishPipelinedAsync(Transaction transaction, SmtpReply mailReply, CancellationToken cancellationToken)
    {
        if (transaction.Plan.UseBdat)
        {
            await ReadEndRepliesAsync(transaction, mailReply, SmtpStep.Bdat, cancellationToken);
            return;
        }

        var data = await ReadReplyAsync(SmtpStep.Data, _options.DataInitiationTimeout, cancellationToken);
        if (data.Code == 354 && (!mailReply.IsPositive || transaction.AcceptedCount == 0))
        {
            // RFC 2920 §3.1: DATA was accepted although no recipient was; send an empty message.
            WriteCommand(".");
            await FlushAsync(SmtpStep.Data, _options.DataBlockTimeout, cancellationToken);
            data = await ReadReplyAsync(SmtpStep.DataEnd, _options.DataTerminationTimeout, cancellationToken);
            _needsReset = false;
        }

        if (!mailReply.IsPositive)
        {
            throw new SmtpCommandException(SmtpStep.MailFrom, mailReply, transaction.Envelope.From);
        }

        if (transaction.AcceptedCount == 0)
        {
            return;
        }

        if (data.Code != 354)
        {
            throw new SmtpCommandException(SmtpStep.Data, data);
        }

        await WriteContentAsync(transaction, dotStuff: true, cancellationToken);
        await FlushAsync(SmtpStep.Data, _options.DataBlockTimeout, cancellationToken);
        await ReadEndRepliesAsync(transaction, mailReply, SmtpStep.DataEnd, cancellationToken);
    }

    private async Task SendStepByStepAsync(Transaction transaction, CancellationToken cancellationToken)
    {
        if (_needsReset)
        {
            await ResetAsync(cancellationToken);
        }

        var mail = await CommandAsync(transaction.Plan.MailCommand, SmtpStep.MailFrom, _options.CommandTimeout, cancellationToken);
        if (!mail.IsPositive)
        {
            throw new SmtpCommandException(SmtpStep.MailFrom, mail, transaction.Envelope.From);
        }

        _needsReset = true;
        for (var i = 0; i < transaction.ToSend.Count; i++)
        {
            var recipient = transaction.RecipientAt(i);
            transaction.Record(i, await CommandAsync($"RCPT TO:{recipient.ToPath()}", SmtpStep.RcptTo, _options.CommandTimeout, cancellationToken));
        }

        if (transaction.AcceptedCount == 0)
        {
            return;
        }

        if (transaction.Plan.UseBdat)
        {
            await WriteFinalCommandAsync(transaction, cancellationToken);
            await FlushAsync(SmtpStep.Bdat, _options.DataBlockTimeout, cancellationToken);
            await ReadEndRepliesAsync(transaction, mail, SmtpStep.Bdat, cancellationToken);
            return;
        }

        var data = await CommandAsync("DATA", SmtpStep.Data, _options.DataInitiationTimeout, cancellationToken);
        if (data.Code != 354)
        {
            throw new SmtpCommandException(SmtpStep.Data, data);
        }

        await WriteContentAsync(transaction, dotStuff: true, cancellationToken);
        await FlushAsync(SmtpStep.Data, _options.DataBlockTimeout, cancellationToken);
        await ReadEndRepliesAsync(transaction, mail, SmtpStep.DataEnd, cancellationToken);
    }

    /// <summary>
    /// The reply (SMTP) or replies (LMTP, one per accepted recipient, RFC 2033 §4.2) after the
    /// content. For BDAT they also tell whether MAIL and the recipients went through.
    /// </summary>
    private async Task ReadEndRepliesAsync(Transaction transaction, SmtpReply mailReply, SmtpStep step, CancellationToken cancellationToken)
    {
        var perRecipient = _options.Protocol == SmtpProtocol.Lmtp && mailReply.IsPositive && transaction.AcceptedCount > 0;
        var count = perRecipient ? transaction.AcceptedCount : 1;
        var replies = new SmtpReply[count];
        DeliveryUncertain = mailReply.IsPositive && transaction.AcceptedCount > 0;
        for (var i = 0; i < count; i++)
        {
            replies[i] = await ReadReplyAsync(SmtpStep.DataEnd, _options.DataTerminationTimeout, cancellationToken);
        }

        DeliveryUncertain = false;
        // After the end of the content the server has closed the transaction (RFC 5321 §4.1.1.4);
        // after a refused BDAT the client should still send RSET (RFC 3030 §2).
        _needsReset = !mailReply.IsPositive || transaction.AcceptedCount == 0 || (!replies[0].IsPositive && step == SmtpStep.Bdat);
        if (!mailReply.IsPositive)
        {
            throw new SmtpCommandException(SmtpStep.MailFrom, mailReply, transaction.Envelope.From);
        }

        if (transaction.AcceptedCount == 0)
        {
            return;
        }

        TransactionCount++;
        if (perRecipient)
        {
            transaction.Complete(replies);
        }
        else if (replies[0].IsPositive)
        {
            transaction.Complete(Enumerable.Repeat(replies[0], transaction.AcceptedCount).ToArray());
        }
        else
        {
            throw new SmtpCommandException(step == SmtpStep.Bdat ? SmtpStep.Bdat : SmtpStep.DataEnd, replies[0]);
        }
    }

    private async Task WriteContentAsync(Transaction transaction, bool dotStuff, CancellationToken cancellationToken)
    {
        var encoder = new SmtpDataEncoder(dotStuff);
        var remaining = transaction.Message;
        long written = 0;
        while (!remaining.IsEmpty)
        {
            var span = _output.GetSpan(ContentChunkSize)[..ContentChunkSize];
            var n = encoder.Encode(remaining.Span, span, out var consumed);
            _output.Advance(n);
            written += n;
            remaining = remaining[consumed..];
            if (_output.Length >= ContentChunkSize)
            {
                await FlushAsync(SmtpStep.Data, _options.DataBlockTimeout, cancellationToken);
            }
        }

        var tail = encoder.Finish(_output.GetSpan(8));
        _output.Advance(tail);
        written += tail;
        if (!dotStuff && written != transaction.Plan.Size)
        {
            throw new InvalidOperationException($"BDAT announced {transaction.Plan.Size} octets but {written} were encoded.");
        }
    }

    /// <summary>The bookkeeping of one SendAsync call.</summary>
    private sealed class Transaction
    {
        private readonly SmtpRecipientResult?[] _results;
        private readonly List<int> _accepted = [];

        public Transaction(SmtpEnvelope envelope, ReadOnlyMemory<byte> message, SmtpTransactionPlan plan)
        {
            Envelope = envelope;
            Message = message;
            Plan = plan;
            _results = (SmtpRecipientResult?[])plan.LocalFailures.Clone();
            ToSend = Enumerable.Range(0, _results.Length).Where(i => _results[i] is null).ToArray();
        }

        public SmtpEnvelope Envelope { get; }

        public ReadOnlyMemory<byte> Message { get; }

        public SmtpTransactionPlan Plan { get; }

        /// <summary>Indexes into the envelope's recipients of those to send RCPT for.</summary>
        public IReadOnlyList<int> ToSend { get; }

        public int AcceptedCount => _accepted.Count;

        public SmtpAddress RecipientAt(int sendIndex) => Envelope.Recipients[ToSend[sendIndex]];

        /// <summary>Records the RCPT reply for the n-th recipient sent.</summary>
        public void Record(int sendIndex, SmtpReply reply)
        {
            var index = ToSend[sendIndex];
            if (reply.IsPositive)
            {
                _accepted.Add(index);
            }
            else
            {
                _results[index] = new SmtpRecipientResult(Envelope.Recipients[index], StatusOf(reply), reply, SmtpStep.RcptTo);
            }
        }

        /// <summary>Records the end-of-data replies, one per accepted recipient in order.</summary>
        public void Complete(IReadOnlyList<SmtpReply> replies)
        {
            for (var i = 0; i < _accepted.Count; i++)
            {
                var index = _accepted[i];
                _results[index] = new SmtpRecipientResult(Envelope.Recipients[index], StatusOf(replies[i]), replies[i], SmtpStep.DataEnd);
            }
        }

        public SmtpSendResult Result()
        {
            var results = new SmtpRecipientResult[_results.Length];
            for (var i = 0; i < results.Length; i++)
            {
                results[i] = _results[i] ?? throw new InvalidOperationException($"No outcome recorded for {Envelope.Recipients[i]}.");
            }

            return new SmtpSendResult(results);
        }

        private static SmtpRecipientStatus StatusOf(SmtpReply reply) =>
            reply.IsPositive ? SmtpRecipientStatus.Accepted
            : reply.IsTransientFailure ? SmtpRecipientStatus.TransientFailure
            : SmtpRecipientStatus.PermanentFailure;
    }
}
