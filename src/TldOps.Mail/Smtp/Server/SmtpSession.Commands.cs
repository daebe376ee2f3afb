using System.Net.Security;
using System.Text;
using Microsoft.Extensions.Logging;
using TldOps.Mail.Smtp.Protocol;

namespace TldOps.Mail.Smtp.Server;

/// <summary>Reading command lines and the commands other than DATA and BDAT.</summary>
internal sealed partial class SmtpSession
{
    private SmtpTransaction? _transaction;
    private bool _extended;
    private int _junkCommands;

    private sealed record SmtpCommand(SmtpVerb Verb, byte[] Arguments, SmtpRejectReason? LineProblem);

    /// <summary>The next command line, or null when the client has gone.</summary>
    private async ValueTask<SmtpCommand?> ReadCommandAsync()
    {
        var discarding = false;
        while (true)
        {
            if (discarding)
            {
                var lf = _input.Span.IndexOf((byte)'\n');
                _input.Consume(lf < 0 ? _input.Count : lf + 1);
                if (lf >= 0)
                {
                    return new SmtpCommand(SmtpVerb.Unknown, [], SmtpRejectReason.LineTooLong);
                }
            }
            else
            {
                var status = _input.TryTakeLine(_limits.MaxCommandLineLength, out var length, out var consumed);
                switch (status)
                {
                    case SmtpLineStatus.Line:
                        var verb = SmtpCommandSyntax.ParseVerb(_input.Span[..length], out var arguments);
                        var command = new SmtpCommand(verb, arguments.ToArray(), null);
                        _input.Consume(consumed);
                        return command;
                    case SmtpLineStatus.BareLineFeedLine:
                        _input.Consume(consumed);
                        return new SmtpCommand(SmtpVerb.Unknown, [], SmtpRejectReason.BareLineFeed);
                    case SmtpLineStatus.TooLong when consumed > 0:
                        _input.Consume(consumed);
                        return new SmtpCommand(SmtpVerb.Unknown, [], SmtpRejectReason.LineTooLong);
                    case SmtpLineStatus.TooLong:
                        _input.Consume(_input.Count);
                        discarding = true;
                        break;
                }
            }

            if (!await FillWaitingForCommandAsync())
            {
                return null;
            }
        }
    }

    /// <summary>Outside a transaction a graceful stop may interrupt this wait.</summary>
    private async ValueTask<bool> FillWaitingForCommandAsync()
    {
        var interruptible = _transaction is null;
        if (interruptible)
        {
            lock (_stateLock)
            {
                if (_stopRequested)
                {
                    _abortReason ??= SmtpRejectReason.ShuttingDown;
                    throw new OperationCanceledException("The server is stopping.");
                }

                _waitingForCommand = true;
            }
        }

        try
        {
            return await FillAsync();
        }
        finally
        {
            if (interruptible)
            {
                lock (_stateLock)
                {
                    _waitingForCommand = false;
                }
            }
        }
    }

    private ValueTask DispatchAsync(SmtpCommand command)
    {
        if (command.LineProblem is { } problem)
        {
            Reject(problem);
            return ValueTask.CompletedTask;
        }

        var args = command.Arguments;
        switch (command.Verb)
        {
            case SmtpVerb.Ehlo or SmtpVerb.Helo or SmtpVerb.Lhlo:
                Hello(command.Verb, args);
                break;
            case SmtpVerb.Mail:
                Mail(args);
                break;
            case SmtpVerb.Rcpt:
                return RecipientAsync(args);
            case SmtpVerb.Data:
                return DataAsync(args);
            case SmtpVerb.Bdat:
                return BdatAsync(args);
            case SmtpVerb.StartTls:
                return StartTlsAsync(args);
            case SmtpVerb.Rset when Junk():
                _transaction = null;
                Reply(250, "2.0.0", "Ok");
                break;
            case SmtpVerb.Noop when Junk():
                Reply(250, "2.0.0", "Ok");
                break;
            case SmtpVerb.Vrfy when Junk():
                // RFC 5321 §3.5.3: 252 when the server will not verify but will try to deliver.
                Reply(252, "2.5.0", "Cannot VRFY user, but will accept message and attempt delivery");
                break;
            case SmtpVerb.Help when Junk():
                Reply(214, "2.0.0", "See RFC 5321");
                break;
            case SmtpVerb.Rset or SmtpVerb.Noop or SmtpVerb.Vrfy or SmtpVerb.Help:
                break;
            case SmtpVerb.Quit:
                Reply(221, "2.0.0", $"{_options.ServerName} closing connection");
                _closing = true;
                break;
            case SmtpVerb.Expn or SmtpVerb.Auth or SmtpVerb.Etrn or SmtpVerb.Turn:
                Reject(SmtpRejectReason.CommandNotImplemented);
                break;
            default:
                Reject(SmtpRejectReason.UnrecognizedCommand);
                break;
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Counts a command that moves no mail; false (after answering 421) once over the limit.</summary>
    private bool Junk()
    {
        if (++_junkCommands > _limits.MaxJunkCommands)
        {
            Reject(SmtpRejectReason.TooManyJunkCommands);
            return false;
        }

        return true;
    }

    private void Hello(SmtpVerb verb, byte[] args)
    {
        if (IsLmtp != (verb == SmtpVerb.Lhlo))
        {
            Reject(IsLmtp ? SmtpRejectReason.LhloRequired : SmtpRejectReason.UnrecognizedCommand);
            return;
        }

        var name = Encoding.UTF8.GetString(args).Trim();
        var space = name.IndexOf(' ', StringComparison.Ordinal);
        name = space < 0 ? name : name[..space];
        if (name.Length == 0)
        {
            Reject(SmtpRejectReason.SyntaxError, "a domain name or address literal is required");
            return;
        }

        if (_info.HeloName is not null && !Junk())
        {
            return;
        }

        // RFC 5321 §4.1.4: a new EHLO resets the transaction state, like RSET.
        _transaction = null;
        _extended = verb != SmtpVerb.Helo;
        _info = _info with { HeloName = name };
        if (!_extended)
        {
            Reply(250, null, _options.ServerName);
            return;
        }

        var lines = new List<string> { $"{_options.ServerName} greets {name}", "PIPELINING", $"SIZE {_limits.MaxMessageSize}", "8BITMIME", "SMTPUTF8", "ENHANCEDSTATUSCODES", "CHUNKING" };
        if (_options.Certificate is not null && !_info.IsSecure)
        {
            lines.Add("STARTTLS");
        }

        for (var i = 0; i < lines.Count; i++)
        {
            _output.WriteUtf8(i == lines.Count - 1 ? "250 " : "250-");
            _output.WriteUtf8(lines[i]);
            _output.WriteCrlf();
        }
    }

    private void Mail(byte[] args)
    {
        if (_info.HeloName is null)
        {
            Reject(SmtpRejectReason.BadSequence, IsLmtp ? "send LHLO first" : "send EHLO first");
            return;
        }

        if (_transaction is not null)
        {
            Reject(SmtpRejectReason.BadSequence, "nested MAIL command");
            return;
        }

        var parsed = SmtpCommandSyntax.ParsePathArgument(args, "FROM:"u8, isSender: true, _options.AddressOptions);
        if (parsed.Address is null)
        {
            Reject(parsed.IsAddressProblem ? SmtpRejectReason.InvalidSenderAddress : SmtpRejectReason.SyntaxError, parsed.Problem);
            return;
        }

        if (parsed.Problem is not null)
        {
            Reject(SmtpRejectReason.SyntaxError, parsed.Problem);
            return;
        }

        var transaction = new SmtpTransaction(parsed.Address);
        if (ApplyMailParameters(transaction, parsed.Parameters) is { } refusal)
        {
            Reject(refusal.Reason, refusal.Detail);
            return;
        }

        if (parsed.Address.RequiresSmtpUtf8 && !transaction.SmtpUtf8)
        {
            Reject(SmtpRejectReason.Utf8AddressWithoutSmtpUtf8);
            return;
        }

        _transaction = transaction;
        Reply(250, "2.1.0", "Sender ok");
    }

    private (SmtpRejectReason Reason, string? Detail)? ApplyMailParameters(SmtpTransaction transaction, IReadOnlyList<SmtpParameter> parameters)
    {
        if (parameters.Count > 0 && !_extended)
        {
            return (SmtpRejectReason.UnknownParameter, "parameters need EHLO");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var parameter in parameters)
        {
            if (!seen.Add(parameter.Keyword))
            {
                return (SmtpRejectReason.SyntaxError, $"duplicate {parameter.Keyword}");
            }

            switch (parameter.Keyword)
            {
                case "SIZE" when long.TryParse(parameter.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var size):
                    if (size > _limits.MaxMessageSize)
                    {
                        return (SmtpRejectReason.DeclaredSizeTooLarge, null);
                    }

                    transaction.DeclaredSize = size;
                    break;
                case "BODY" when string.Equals(parameter.Value, "7BIT", StringComparison.OrdinalIgnoreCase):
                    transaction.BodyType = SmtpBodyType.SevenBit;
                    break;
                case "BODY" when string.Equals(parameter.Value, "8BITMIME", StringComparison.OrdinalIgnoreCase):
                    transaction.BodyType = SmtpBodyType.EightBitMime;
                    break;
                case "SMTPUTF8" when parameter.Value is null:
                    transaction.SmtpUtf8 = true;
                    break;
                case "SIZE" or "BODY" or "SMTPUTF8":
                    return (SmtpRejectReason.SyntaxError, $"bad {parameter.Keyword} value");
                default:
                    return (SmtpRejectReason.UnknownParameter, parameter.Keyword);
            }
        }

        return null;
    }

    private async ValueTask RecipientAsync(byte[] args)
    {
        if (_transaction is null)
        {
            Reject(SmtpRejectReason.BadSequence, "need MAIL command");
            return;
        }

        var parsed = SmtpCommandSyntax.ParsePathArgument(args, "TO:"u8, isSender: false, _options.AddressOptions);
        if (parsed.Address is null || parsed.Problem is not null)
        {
            Reject(parsed.IsAddressProblem ? SmtpRejectReason.InvalidRecipientAddress : SmtpRejectReason.SyntaxError, parsed.Problem);
            return;
        }

        if (parsed.Parameters.Count > 0)
        {
            Reject(SmtpRejectReason.UnknownParameter, parsed.Parameters[0].Keyword);
            return;
        }

        if (parsed.Address.RequiresSmtpUtf8 && !_transaction.SmtpUtf8)
        {
            Reject(SmtpRejectReason.Utf8AddressWithoutSmtpUtf8);
            return;
        }

        if (_transaction.Recipients.Count >= _limits.MaxRecipientsPerMessage)
        {
            Reject(SmtpRejectReason.TooManyRecipients);
            return;
        }

        SmtpDecision decision;
        try
        {
            decision = await _server.Receiver.OnRecipientAsync(_info, _transaction.ToEnvelope(), parsed.Address, _sessionCts.Token);
        }
        catch (Exception ex) when (!_sessionCts.IsCancellationRequested)
        {
            _logger.LogError(ex, "{Session} receiver failed for recipient {Recipient}", _info.SessionId, parsed.Address);
            Reject(SmtpRejectReason.HandlerFailed);
            return;
        }

        if (decision.IsAccepted)
        {
            _transaction.Recipients.Add(parsed.Address);
        }

        Reply(decision, "2.1.5", "Recipient ok");
    }

    private async ValueTask StartTlsAsync(byte[] args)
    {
        if (args.Length > 0)
        {
            Reject(SmtpRejectReason.SyntaxError, "STARTTLS takes no arguments");
            return;
        }

        if (_info.IsSecure)
        {
            Reject(SmtpRejectReason.TlsAlreadyActive);
            return;
        }

        if (_options.Certificate is null)
        {
            Reject(SmtpRejectReason.TlsNotAvailable);
            return;
        }

        // RFC 3207 §4.2 and the 2011 STARTTLS command injection: bytes the client sent before
        // the handshake must not be read as if they had come through TLS.
        if (_input.Count > 0)
        {
            Reject(SmtpRejectReason.PipeliningAfterStartTls);
            return;
        }

        Reply(220, "2.0.0", "Ready to start TLS");
        await FlushAsync();
        var ssl = new SslStream(_stream, leaveInnerStreamOpen: false);
        _stream = ssl;
        var token = BeginIo(_limits.TlsHandshakeTimeout);
        try
        {
            await ssl.AuthenticateAsServerAsync(
                new SslServerAuthenticationOptions
                {
                    ServerCertificate = _options.Certificate,
                    EnabledSslProtocols = _options.TlsProtocols,
                    ClientCertificateRequired = false,
                },
                token);
        }
        catch (OperationCanceledException) when (_abortReason == SmtpRejectReason.Timeout)
        {
            // Nothing can be said on a half-finished TLS session; just hang up.
            _abortReason = SmtpRejectReason.TlsHandshakeFailed;
            throw;
        }
        finally
        {
            EndIo();
        }

        // RFC 3207 §4.2: forget everything learnt before TLS; the client must EHLO again.
        _transaction = null;
        _extended = false;
        _info = _info with { HeloName = null, IsSecure = true, TlsProtocol = ssl.SslProtocol };
        _logger.LogDebug("{Session} TLS established ({Protocol})", _info.SessionId, ssl.SslProtocol);
    }
}
