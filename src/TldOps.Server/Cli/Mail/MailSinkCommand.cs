using System.CommandLine;
using System.Globalization;
using System.Net;
using TldOps.Mail.Smtp;
using TldOps.Mail.Smtp.Server;
using TldOps.Mail.Smtp.Sink;

namespace TldOps.Server.Cli.Mail;

/// <summary>
/// <c>tldops mail sink --port P --dir DIR</c>: a recording SMTP (or LMTP) server that accepts
/// every message and saves it with its envelope (NNNNNNNN.eml and NNNNNNNN.json), until Ctrl+C.
/// For trying TldOps out and for tests; not a mail server.
/// </summary>
internal static class MailSinkCommand
{
    private static readonly Option<int> Port = new("--port")
    {
        Description = "The TCP port to listen on (0 picks a free one).",
        DefaultValueFactory = _ => 2525,
        HelpName = "P",
    };

    private static readonly Option<string?> Dir = new("--dir")
    {
        Description = "Where to save messages; without it they are only counted.",
        HelpName = "DIR",
    };

    private static readonly Option<string> Address = new("--address")
    {
        Description = "The address to listen on.",
        DefaultValueFactory = _ => "127.0.0.1",
        HelpName = "IP",
    };

    private static readonly Option<bool> Lmtp = new("--lmtp")
    {
        Description = "Speak LMTP (RFC 2033) instead of SMTP.",
    };

    private static readonly Option<bool> SelfSignedTls = new("--self-signed-tls")
    {
        Description = "Offer STARTTLS with a throw-away self-signed certificate.",
    };

    public static Command Create()
    {
        var command = new Command("sink", "Run a small SMTP server that records every message it receives, until Ctrl+C.");
        command.Options.Add(Port);
        command.Options.Add(Dir);
        command.Options.Add(Address);
        command.Options.Add(Lmtp);
        command.Options.Add(SelfSignedTls);
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        var port = parseResult.GetValue(Port);
        if (!IPAddress.TryParse(parseResult.GetValue(Address), out var address) || port is < 0 or > 65535)
        {
            await error.WriteLineAsync("--address must be an IP address and --port a number from 0 to 65535.");
            return ExitCodes.Usage;
        }

        var options = new SmtpSinkOptions
        {
            EndPoint = new IPEndPoint(address, port),
            Directory = parseResult.GetValue(Dir),
            Protocol = parseResult.GetValue(Lmtp) ? SmtpProtocol.Lmtp : SmtpProtocol.Smtp,
            Certificate = parseResult.GetValue(SelfSignedTls) ? SmtpServerCertificates.CreateSelfSigned("localhost") : null,
        };
        await using var sink = new SmtpSink(options);
        sink.MessageRecorded += (_, message) => output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{message.Number:D8} from {message.Envelope.From} to {string.Join(", ", message.Envelope.Recipients)} ({message.Size} octets{(message.IsSecure ? ", TLS" : string.Empty)})"));
        try
        {
            await sink.StartAsync(cancellationToken);
        }
        catch (System.Net.Sockets.SocketException ex)
        {
            await error.WriteLineAsync($"Cannot listen on {options.EndPoint}: {ex.Message}");
            return ExitCodes.Failure;
        }

        await output.WriteLineAsync($"Listening on {sink.EndPoint} ({options.Protocol.ToString().ToUpperInvariant()}); {(options.Directory is null ? "counting messages only" : $"saving to {Path.GetFullPath(options.Directory)}")}. Ctrl+C stops.");
        await output.FlushAsync(cancellationToken);
        var stopped = new TaskCompletionSource();
        await using (cancellationToken.Register(() => stopped.TrySetResult()))
        {
            await stopped.Task;
        }

        await sink.StopAsync(CancellationToken.None);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Stopped after {sink.MessageCount} messages."));
        return ExitCodes.Success;
    }
}
