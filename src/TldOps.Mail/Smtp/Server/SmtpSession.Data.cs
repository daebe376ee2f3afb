using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using TldOps.Mail.Smtp.Protocol;

namespace TldOps.Mail.Smtp.Server;

/// <summary>DATA (RFC 5321 §4.1.1.4), BDAT (RFC 3030) and handing the message to the application.</summary>
internal sealed partial class SmtpSession
{
    private enum DataOutcome
    {
        Complete,
        TooLarge,
        BareLineFeed,
        ConnectionLost,
    }

    private async ValueTask DataAsync(byte[] args)
    {
        if (args.Length > 0)
        {
            Reject(SmtpRejectReason.SyntaxError, "DATA takes no arguments");
            return;
        }

        if (_transaction is null || _transaction.UsedBdat)
        {
            Reject(SmtpRejectReason.BadSequence, _transaction is null ? "need MAIL command" : "DATA after BDAT");
            return;
        }

        if (_transaction.Recipients.Count == 0)
        {
            Reject(SmtpRejectReason.NoValidRecipients);
            return;
        }

        Reply(354, null, "End data with <CR><LF>.<CR><LF>");
        var outcome = await ReceiveDotStuffedAsync();
        switch (outcome)
        {
            case DataOutcome.ConnectionLost:
                _logger.LogDebug("{Session} connection lost inside DATA", _info.SessionId);
                _closing = true;
                await DiscardTransactionAsync();
                break;
            case DataOutcome.TooLarge:
                Reject(SmtpRejectReason.MessageTooLarge);
                await DiscardTransactionAsync();
                break;
            case DataOutcome.BareLineFeed when _options.RejectBareLineFeed:
                Reject(SmtpRejectReason.BareLineFeedInData);
                await DiscardTransactionAsync();
                break;
            default:
                await DeliverAsync();
                break;
        }
    }

    private async ValueTask<DataOutcome> ReceiveDotStuffedAsync()
    {
        var decoder = default(SmtpDotDecoder);
        var scratch = ArrayPool<byte>.Shared.Rent(_input.Capacity + 1);
        var tooLarge = false;
        try
        {
            while (true)
            {
                var done = decoder.Decode(_input.Span, scratch, out var consumed, out var written);
                _input.Consume(consumed);
                if (!tooLarge && _spool.Length + written > _limits.MaxMessageSize)
                {
                    // Keep reading to the end of the data so the session stays in step, but store nothing more.
                    tooLarge = true;
                    await _spool.ResetAsync();
                }

                if (!tooLarge)
                {
                    await _spool.WriteAsync(scratch.AsMemory(0, written), _sessionCts.Token);
                }

                if (done)
                {
                    break;
                }

                if (!await FillAsync())
                {
                    return DataOutcome.ConnectionLost;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }

        return tooLarge ? DataOutcome.TooLarge : decoder.SawBareLineFeed ? DataOutcome.BareLineFeed : DataOutcome.Complete;
    }

    private async ValueTask BdatAsync(byte[] args)
    {
        if (!TryParseBdat(args, out var size, out var last))
        {
            // Without a size the bytes that follow cannot be told from commands: hang up.
            Reject(SmtpRejectReason.SyntaxError, "expected BDAT <size> [LAST]");
            _closing = true;
            return;
        }

        SmtpRejectReason? refusal = null;
        string? detail = null;
        if (!_extended || _transaction is null)
        {
            (refusal, detail) = (SmtpRejectReason.BadSequence, _extended ? "need MAIL command" : "BDAT needs EHLO");
        }
        else if (_transaction.Recipients.Count == 0)
        {
            refusal = SmtpRejectReason.NoValidRecipients;
        }
        else if (_spool.Length + size > _limits.MaxMessageSize)
        {
            refusal = SmtpRejectReason.MessageTooLarge;
        }

        // RFC 3030 §2: the chunk's octets follow the command whatever the reply will be, so read them.
        if (!await ReceiveChunkAsync(size, store: refusal is null))
        {
            _closing = true;
            await DiscardTransactionAsync();
            return;
        }

        if (refusal is { } reason)
        {
            Reject(reason, detail);
            await DiscardTransactionAsync();
            return;
        }

        _transaction!.UsedBdat = true;
        if (last)
        {
            await DeliverAsync();
        }
        else
        {
            Reply(250, "2.0.0", string.Create(CultureInfo.InvariantCulture, $"{size} octets received"));
        }
    }

    private static bool TryParseBdat(byte[] args, out long size, out bool last)
    {
        var text = Encoding.ASCII.GetString(args).Trim();
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        last = parts.Length == 2 && string.Equals(parts[1], "LAST", StringComparison.OrdinalIgnoreCase);
        size = 0;

        // chunk-size = 1*DIGIT (RFC 3030 §3); 18 digits keep it within a long.
        return parts.Length is 1 or 2 && (parts.Length == 1 || last) && parts[0].Length <= 18
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out size);
    }

    private async ValueTask<bool> ReceiveChunkAsync(long size, bool store)
    {
        var remaining = size;
        while (remaining > 0)
        {
            if (_input.Count == 0 && !await FillAsync())
            {
                return false;
            }

            var take = (int)Math.Min(remaining, _input.Count);
            if (store)
            {
                await _spool.WriteAsync(_input.Memory[..take], _sessionCts.Token);
            }

            _input.Consume(take);
            remaining -= take;
        }

        return true;
    }

    private async ValueTask DeliverAsync()
    {
        var envelope = _transaction!.ToEnvelope();
        var content = await _spool.CompleteAsync(_sessionCts.Token);
        try
        {
            if (IsLmtp)
            {
                await DeliverLmtpAsync(envelope, content);
            }
            else
            {
                // The receiver may block (a commit waiting for the disk): never on a socket event thread.
                var decision = await ThreadPoolHop.RunAsync(() => _server.Receiver.OnMessageAsync(_info, envelope, content, _sessionCts.Token));
                Reply(decision, "2.0.0", "Message accepted for delivery");
                NoteDelivered(decision);
            }
        }
        catch (Exception ex) when (!_sessionCts.IsCancellationRequested)
        {
            _logger.LogError(ex, "{Session} receiver failed for a message from {From}", _info.SessionId, envelope.From);
            var replies = IsLmtp ? envelope.Recipients.Count : 1;
            for (var i = 0; i < replies; i++)
            {
                Reject(SmtpRejectReason.HandlerFailed);
            }
        }
        finally
        {
            content.Release();
            await DiscardTransactionAsync();
        }
    }

    private async ValueTask DeliverLmtpAsync(SmtpEnvelope envelope, SmtpMessageContent content)
    {
        var decisions = await ThreadPoolHop.RunAsync(() => _server.Receiver.OnLmtpMessageAsync(_info, envelope, content, _sessionCts.Token));
        if (decisions.Count != envelope.Recipients.Count)
        {
            throw new InvalidOperationException(
                $"The receiver returned {decisions.Count} decisions for {envelope.Recipients.Count} recipients.");
        }

        // RFC 2033 §4.2: one reply per accepted recipient, in RCPT order.
        for (var i = 0; i < decisions.Count; i++)
        {
            Reply(decisions[i], "2.0.0", $"<{envelope.Recipients[i].Address}> delivered");
            NoteDelivered(decisions[i]);
        }
    }

    private void NoteDelivered(SmtpDecision decision)
    {
        if (decision.IsAccepted)
        {
            _junkCommands = 0;
        }
    }

    private async ValueTask DiscardTransactionAsync()
    {
        _transaction = null;
        await _spool.ResetAsync();
    }
}
