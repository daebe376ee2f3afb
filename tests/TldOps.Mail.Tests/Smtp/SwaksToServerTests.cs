using System.Text;
using TldOps.Mail.Smtp;
using TldOps.Mail.Smtp.Server;
using TldOps.Mail.Tests.Smtp.Support;
using TldOps.Testing;

namespace TldOps.Mail.Tests.Smtp;

/// <summary>swaks, a real and strict SMTP client, against our server.</summary>
public sealed class SwaksToServerTests
{
    [RequiresFact("swaks=swaks")]
    public async Task Swaks_delivers_with_pipelining()
    {
        await using var server = await TestServer.StartAsync();
        var result = await SwaksAsync(server, "--pipeline", "--to", "bob@test.example,carol@test.example", "--header", "Subject: pipelined", "--body", "Hello from swaks.");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("PIPELINING", result.Output, StringComparison.Ordinal);
        var message = Assert.Single(server.Receiver.Messages);
        Assert.Equal(["bob@test.example", "carol@test.example"], message.Envelope.Recipients.Select(r => r.Address));
        var text = Encoding.UTF8.GetString(message.Content);
        Assert.Contains("Subject: pipelined\r\n", text, StringComparison.Ordinal);
        Assert.Contains("Hello from swaks.", text, StringComparison.Ordinal);
    }

    [RequiresFact("swaks=swaks")]
    public async Task Swaks_delivers_over_starttls()
    {
        await using var server = await TestServer.StartAsync(configure: o => o.Certificate = SmtpServerCertificates.CreateSelfSigned("mx.test.example"));
        var result = await SwaksAsync(server, "-tls", "--to", "bob@test.example", "--header", "Subject: tls");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("TLS started", result.Output, StringComparison.Ordinal);
        Assert.True(Assert.Single(server.Receiver.Messages).Session.IsSecure);
    }

    [RequiresFact("swaks=swaks")]
    public async Task Swaks_eight_bit_data_arrives_intact()
    {
        using var temp = new TempDirectory("swaks-8bit");
        var data = "From: alice@sender.example\r\nTo: bob@test.example\r\nSubject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nΚαλημέρα, ñandú, 東京.\r\n";
        var file = temp.Combine("8bit.eml");
        // swaks ends the data with CRLF "." CRLF itself, so the file holds no final line end.
        await File.WriteAllTextAsync(file, data.TrimEnd('\r', '\n'), new UTF8Encoding(false));
        await using var server = await TestServer.StartAsync();
        var result = await SwaksAsync(server, "--to", "bob@test.example", "--data", "@" + file);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("8BITMIME", result.Output, StringComparison.Ordinal);
        Assert.Equal(data, Encoding.UTF8.GetString(Assert.Single(server.Receiver.Messages).Content));
    }

    [RequiresFact("swaks=swaks")]
    public async Task Swaks_large_message_is_spooled_and_arrives_intact()
    {
        using var temp = new TempDirectory("swaks-large");
        var builder = new StringBuilder("From: alice@sender.example\r\nTo: bob@test.example\r\nSubject: large\r\n\r\n");
        for (var i = 0; builder.Length < 6_000_000; i++)
        {
            builder.Append(i % 10 == 0 ? ".dot-led line " : "line ").Append(i).Append(' ').Append('x', 60).Append("\r\n");
        }

        var data = builder.ToString();
        var file = temp.Combine("large.eml");
        await File.WriteAllTextAsync(file, data.TrimEnd('\r', '\n'));
        await using var server = await TestServer.StartAsync(configure: o => o.SpoolDirectory = temp.Path);
        var result = await SwaksAsync(server, "--pipeline", "--to", "bob@test.example", "--data", "@" + file, "--suppress-data");
        Assert.True(result.ExitCode == 0, result.ToString());
        var message = Assert.Single(server.Receiver.Messages);
        Assert.False(message.WasInMemory);
        Assert.Equal(data, Encoding.ASCII.GetString(message.Content));
    }

    [RequiresFact("swaks=swaks")]
    public async Task Swaks_is_told_when_the_message_is_too_large()
    {
        var limits = SmtpServerLimits.Default.Clone();
        limits.MaxMessageSize = 50_000;
        await using var server = await TestServer.StartAsync(configure: o => o.Limits = limits);
        var result = await SwaksAsync(server, "--to", "bob@test.example", "--body", new string('y', 60_000));
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("552 5.3.4", result.Output, StringComparison.Ordinal);
        Assert.Empty(server.Receiver.Messages);
    }

    [RequiresFact("swaks=swaks")]
    public async Task Swaks_speaks_lmtp_and_gets_a_reply_per_recipient()
    {
        var receiver = new RecordingReceiver
        {
            LmtpPolicy = e => e.Recipients.Select(r => r.LocalPart == "full" ? SmtpDecision.Reject(452, "4.2.2", "Over quota") : SmtpDecision.Accepted).ToArray(),
        };
        await using var server = await TestServer.StartAsync(receiver, SmtpProtocol.Lmtp);
        var result = await SwaksAsync(server, "--protocol", "LMTP", "--to", "ok@test.example,full@test.example", "--header", "Subject: lmtp");
        Assert.Contains("<** 452 4.2.2 Over quota", result.Output, StringComparison.Ordinal);
        Assert.Contains("ok@test.example> delivered", result.Output, StringComparison.Ordinal);
        Assert.Single(receiver.Messages);
    }

    private static Task<ProcessResult> SwaksAsync(TestServer server, params string[] arguments) =>
        ExternalProcess.RunAsync(
            RealComponent.Require("swaks", "swaks"),
            ["--server", $"127.0.0.1:{server.EndPoint.Port}", "--from", "alice@sender.example", "--ehlo", "swaks.test.example", "--timeout", "30", .. arguments],
            timeout: TimeSpan.FromSeconds(90));
}
