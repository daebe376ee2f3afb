using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using TldOps.Mail.Smtp;
using TldOps.Mail.Smtp.Client;
using TldOps.Server.Cli;
using TldOps.Server.Tests.Support;
using TldOps.Testing;

namespace TldOps.Server.Tests.Cli.Mail;

/// <summary><c>tldops mail sink</c> run in-process, fed by our SMTP client.</summary>
public sealed class MailSinkCommandTests
{
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

    private static int FreePort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
