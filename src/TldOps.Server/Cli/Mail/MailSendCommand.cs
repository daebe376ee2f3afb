using System.CommandLine;
using System.Globalization;
using System.Text;
using TldOps.Mail.Smtp;
using TldOps.Mail.Smtp.Client;

namespace TldOps.Server.Cli.Mail;

/// <summary>
/// <c>tldops mail send FILE --to ADDR…</c>: hands one message to an SMTP server (by default the
/// local MTA on localhost:25) and prints what happened to each recipient. Exit code 0 when every
/// recipient was accepted, 1 otherwise.
/// </summary>
internal static class MailSendCommand
{
    /// <summary>Larger files are refused; no server we send to takes more (Postfix defaults to 10 MB).</summary>
    private const long MaxFileSize = 64L * 1024 * 1024;

    private static readonly Argument<string> File = new("FILE")
    {
        Description = "The message to send (RFC 5322 text; LF or CRLF line ends), or - to read it from standard input.",
    };

    private static readonly Option<string[]> To = new("--to")
    {
        Description = "A recipient; repeat the option or list several after it.",
        Required = true,
        AllowMultipleArgumentsPerToken = true,
        HelpName = "ADDR",
    };

    private static readonly Option<string?> From = new("--from")
    {
        Description = "The envelope sender (MAIL FROM); default the address in the message's From: header. Use <> for none.",
        HelpName = "ADDR",
    };

    private static readonly Option<string> Via = new("--via")
    {
        Description = "The SMTP server to hand the message to.",
        DefaultValueFactory = _ => "localhost:25",
        HelpName = "HOST:PORT",
    };

    private static readonly Option<SmtpStartTlsPolicy> StartTls = new("--starttls")
    {
        Description = "STARTTLS: required (fail without TLS; the certificate must be trusted), opportunistic (when offered), or none.",
        DefaultValueFactory = _ => SmtpStartTlsPolicy.Opportunistic,
    };

    public static Command Create()
    {
        var command = new Command("send", "Send a message file over SMTP and report each recipient's outcome.");
        command.Arguments.Add(File);
        command.Options.Add(To);
        command.Options.Add(From);
        command.Options.Add(Via);
        command.Options.Add(StartTls);
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        if (!TryReadInput(parseResult, out var bytes, out var problem)
            || !TryBuildEnvelope(parseResult, bytes, out var envelope, out problem)
            || !TryParseVia(parseResult.GetValue(Via)!, out var host, out var port, out problem))
        {
            await error.WriteLineAsync(problem);
            return ExitCodes.Usage;
        }

        var options = SmtpClientOptions.Default.Clone();
        options.StartTls = parseResult.GetValue(StartTls);
        await using var client = new SmtpClient(options);
        try
        {
            await client.ConnectAsync(host, port, cancellationToken);
            var result = await client.SendAsync(envelope!, bytes, cancellationToken);
            foreach (var recipient in result.Recipients)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{recipient.Recipient}: {Describe(recipient.Status)} ({recipient.Reply})"));
            }

            await client.QuitAsync(cancellationToken);
            return result.AllAccepted ? ExitCodes.Success : ExitCodes.Failure;
        }
        catch (SmtpException ex)
        {
            await error.WriteLineAsync($"Not sent: {ex.Message} ({(ex.IsTransient ? "temporary; try again later" : "permanent")})");
            return ExitCodes.Failure;
        }
    }

    private static string Describe(SmtpRecipientStatus status) => status switch
    {
        SmtpRecipientStatus.Accepted => "accepted",
        SmtpRecipientStatus.TransientFailure => "temporarily refused",
        _ => "refused",
    };

    private static bool TryReadInput(ParseResult parseResult, out byte[] bytes, out string problem)
    {
        var path = parseResult.GetValue(File)!;
        bytes = [];
        problem = string.Empty;
        try
        {
            using var stream = path == "-" ? Console.OpenStandardInput() : System.IO.File.OpenRead(path);
            using var copy = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                if (copy.Length + read > MaxFileSize)
                {
                    problem = $"{path} is larger than {MaxFileSize / (1024 * 1024)} MiB.";
                    return false;
                }

                copy.Write(buffer, 0, read);
            }

            bytes = copy.ToArray();
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = $"Cannot read {path}: {ex.Message}";
            return false;
        }
    }

    private static bool TryBuildEnvelope(ParseResult parseResult, byte[] message, out SmtpEnvelope? envelope, out string problem)
    {
        envelope = null;
        problem = string.Empty;
        var recipients = new List<SmtpAddress>();
        foreach (var text in parseResult.GetValue(To)!.SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!SmtpAddress.TryParse(text.Trim('<', '>'), out var recipient))
            {
                problem = $"--to {text}: not an e-mail address (RFC 5321 syntax: local@domain).";
                return false;
            }

            recipients.Add(recipient!);
        }

        var fromText = parseResult.GetValue(From) ?? HeaderFromAddress(message);
        SmtpAddress? from = fromText == "<>" ? SmtpAddress.NullReversePath : null;
        if (from is null && (fromText is null || !SmtpAddress.TryParse(fromText.Trim('<', '>'), out from)))
        {
            problem = fromText is null
                ? "The message has no From: address to use as the sender; give --from."
                : $"Sender '{fromText}' is not an e-mail address; give --from.";
            return false;
        }

        envelope = new SmtpEnvelope(from!, recipients);
        return true;
    }

    /// <summary>
    /// The address in the first From: header field (unfolded), in angle brackets or bare. Only a
    /// default for --from, so a minimal reading of RFC 5322 §3.6.2 is enough here.
    /// </summary>
    private static string? HeaderFromAddress(byte[] message)
    {
        var text = Encoding.UTF8.GetString(message);
        var headerEnd = text.IndexOf("\n\n", StringComparison.Ordinal) is var lf and >= 0 ? lf : text.Length;
        var crlf = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (crlf >= 0 && crlf < headerEnd)
        {
            headerEnd = crlf;
        }

        var lines = text[..headerEnd].Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("From:", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var value = new StringBuilder(lines[i][5..]);
            for (var j = i + 1; j < lines.Length && lines[j].Length > 0 && lines[j][0] is ' ' or '\t'; j++)
            {
                value.Append(lines[j]);
            }

            var field = value.ToString().Trim();
            var open = field.LastIndexOf('<');
            var close = field.LastIndexOf('>');
            return open >= 0 && close > open ? field[(open + 1)..close] : field.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(w => w.Contains('@', StringComparison.Ordinal));
        }

        return null;
    }

    private static bool TryParseVia(string via, out string host, out int port, out string problem)
    {
        problem = string.Empty;
        port = 25;
        host = via;
        var colon = via.LastIndexOf(':');
        var bracketEnd = via.LastIndexOf(']');
        if (colon > bracketEnd)
        {
            host = via[..colon];
            if (!int.TryParse(via[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
            {
                problem = $"--via {via}: the port must be a number from 1 to 65535.";
                return false;
            }
        }

        host = host.Trim('[', ']');
        if (host.Length == 0)
        {
            problem = $"--via {via}: a host name or address is needed.";
            return false;
        }

        return true;
    }
}
