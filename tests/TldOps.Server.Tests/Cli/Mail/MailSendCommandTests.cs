using System.Net;
using System.Net.Sockets;
using System.Text;
using TldOps.Mail.Smtp;
using TldOps.Mail.Smtp.Server;
using TldOps.Mail.Smtp.Sink;
using TldOps.Server.Cli;
using TldOps.Server.Tests.Support;
using TldOps.Testing;

namespace TldOps.Server.Tests.Cli.Mail;

/// <summary><c>tldops mail send</c> against an in-process sink.</summary>
public sealed class MailSendCommandTests
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
