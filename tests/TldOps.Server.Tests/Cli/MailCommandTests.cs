using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using TldOps.Mail.Smtp;
using TldOps.Mail.Smtp.Client;
using TldOps.Mail.Smtp.Server;
using TldOps.Mail.Smtp.Sink;
using TldOps.Server.Cli;
using TldOps.Server.Tests.Support;
using TldOps.Testing;

namespace TldOps.Server.Tests.Cli;

public sealed class MailCommandTests
{
    [Fact]
    public async Task Send_delivers_a_file_and_takes_the_sender_from_the_header()
    {
        await using var sink = await StartSinkAsync();
        using var temp = new TempDirectory("mail-send");
        var file = temp.Combine("message.eml");
        await File.WriteAllTextAsync(file, "From: \"Alice A.\"\n <alice@sender.example>\nTo: bob@test.example\nSubject: from the CLI\n\n.dot line\nbody\n");

        var (code, output, error) = await CliRunner.RunAsync("mail", "send", file, "--to", "bob@test.example", "carol@test.example", "--via", $"127.0.0.1:{sink.EndPoint.Port}", "--starttls", "none");

        Assert.True(code == 0, error);
        Assert.Contains("bob@test.example: accepted (250 2.0.0", output, StringComparison.Ordinal);
        Assert.Contains("carol@test.example: accepted", output, StringComparison.Ordinal);
        var message = Assert.Single(sink.Messages);
        Assert.Equal("alice@sender.example", message.Envelope.From.Address);
        Assert.Equal("From: \"Alice A.\"\r\n <alice@sender.example>\r\nTo: bob@test.example\r\nSubject: from the CLI\r\n\r\n.dot line\r\nbody\r\n", Encoding.UTF8.GetString(message.Content.Span));
    }

    [Fact]
    public async Task Send_reports_refused_recipients_with_exit_code_1()
    {
        await using var sink = await StartSinkAsync(o => o.RecipientPolicy = r => r.LocalPart == "gone" ? SmtpDecision.UnknownRecipient() : SmtpDecision.Accepted);
        using var temp = new TempDirectory("mail-send");
        var file = temp.Combine("message.eml");
        await File.WriteAllTextAsync(file, "Subject: x\n\nbody\n");
        var (code, output, _) = await CliRunner.RunAsync("mail", "send", file, "--to", "ok@test.example", "--to", "gone@test.example", "--from", "<>", "--via", $"127.0.0.1:{sink.EndPoint.Port}");
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("gone@test.example: refused (550 5.1.1", output, StringComparison.Ordinal);
        Assert.True(Assert.Single(sink.Messages).Envelope.From.IsNullPath);
    }

    [Theory]
    [InlineData("not an address", "127.0.0.1:25", "--to not an address")]
    [InlineData("bob@test.example", "127.0.0.1:port", "the port must be a number")]
    public async Task Send_refuses_bad_arguments_before_connecting(string to, string via, string expected)
    {
        using var temp = new TempDirectory("mail-send");
        var file = temp.Combine("message.eml");
        await File.WriteAllTextAsync(file, "From: a@b.example\n\nx\n");
        var (code, _, error) = await CliRunner.RunAsync("mail", "send", file, "--to", to, "--via", via);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_explains_a_server_that_is_not_there()
    {
        using var temp = new TempDirectory("mail-send");
        var file = temp.Combine("message.eml");
        await File.WriteAllTextAsync(file, "From: a@b.example\n\nx\n");
        var (code, _, error) = await CliRunner.RunAsync("mail", "send", file, "--to", "c@d.example", "--via", $"127.0.0.1:{FreePort()}");
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("Not sent: Cannot connect", error, StringComparison.Ordinal);
        Assert.Contains("temporary", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sink_records_messages_with_their_envelopes_until_cancelled()
    {
        using var dir = new TempDirectory("mail-sink");
        var port = FreePort();
        var output = new WatchedWriter();
        using var stop = new CancellationTokenSource();
        var running = TldOpsCommandLine.InvokeAsync(["mail", "sink", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--dir", dir.Path], output, new StringWriter(), stop.Token);
        try
        {
            await output.WaitForAsync("Listening on");
            var options = SmtpClientOptions.Default.Clone();
            options.LocalDomain = "cli-test.example";
            await using var client = new SmtpClient(options);
            await client.ConnectAsync("127.0.0.1", port);
            var envelope = new SmtpEnvelope(SmtpAddress.Parse("alice@sender.example"), [SmtpAddress.Parse("bob@test.example")]);
            Assert.True((await client.SendAsync(envelope, "Subject: sink\r\n\r\nhello\r\n"u8.ToArray())).AllAccepted);
            await client.QuitAsync();
            await output.WaitForAsync("00000001 from alice@sender.example to bob@test.example");
        }
        finally
        {
            await stop.CancelAsync();
        }

        Assert.Equal(0, await running.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("Subject: sink\r\n\r\nhello\r\n", await File.ReadAllTextAsync(Path.Combine(dir.Path, "00000001.eml")));
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(dir.Path, "00000001.json")));
        Assert.Equal("alice@sender.example", json.RootElement.GetProperty("from").GetString());
        Assert.Equal("bob@test.example", json.RootElement.GetProperty("to")[0].GetString());
        Assert.Equal("cli-test.example", json.RootElement.GetProperty("helo").GetString());
        Assert.StartsWith("127.0.0.1:", json.RootElement.GetProperty("remote").GetString(), StringComparison.Ordinal);
        Assert.True(json.RootElement.TryGetProperty("receivedAt", out _));
        Assert.Contains("Stopped after 1 messages.", output.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.GetFiles(dir.Path), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    private static async Task<SmtpSink> StartSinkAsync(Action<SmtpSinkOptions>? configure = null)
    {
        var options = new SmtpSinkOptions { KeepInMemory = true };
        configure?.Invoke(options);
        var sink = new SmtpSink(options);
        await sink.StartAsync();
        return sink;
    }

    private static int FreePort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
