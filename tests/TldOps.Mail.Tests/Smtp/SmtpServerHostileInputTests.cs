using System.Net.Security;
using System.Text;
using TldOps.Mail.Smtp.Server;
using TldOps.Mail.Tests.Smtp.Support;

namespace TldOps.Mail.Tests.Smtp;

/// <summary>
/// Bad and hostile input: each test checks the reply, that the connection is freed (or kept, as
/// the case may be), and that the server still serves a well-behaved client afterwards.
/// </summary>
public sealed class SmtpServerHostileInputTests
{
    [Fact]
    public async Task Over_long_command_line_is_refused_and_the_session_continues()
    {
        await using var server = await TestServer.StartAsync();
        await using var connection = await server.ConnectAndGreetAsync();

        // Longer than the 16 KiB input buffer, so the line is discarded while it streams in.
        await connection.WriteAsync("NOOP " + new string('a', 100_000) + "\r\n");
        var reply = await connection.ReadReplyAsync();
        Assert.Equal(500, reply.Code);
        Assert.StartsWith("5.5.2 Line too long", reply.Text, StringComparison.Ordinal);

        // Just over the limit, complete in the buffer.
        await connection.WriteAsync("MAIL FROM:<" + new string('b', SmtpServerLimits.Default.MaxCommandLineLength) + "@x.example>\r\n");
        Assert.Equal(500, (await connection.ReadReplyAsync()).Code);
        Assert.Equal(250, (await connection.CommandAsync("NOOP")).Code);
    }

    [Fact]
    public async Task Bare_lf_in_a_command_is_refused()
    {
        await using var server = await TestServer.StartAsync();
        await using var connection = await server.ConnectAndGreetAsync();
        await connection.WriteAsync("NOOP\n");
        var reply = await connection.ReadReplyAsync();
        Assert.Equal(500, reply.Code);
        Assert.Contains("Bare LF", reply.Text, StringComparison.Ordinal);
        Assert.Equal(250, (await connection.CommandAsync("NOOP")).Code);
    }

    [Fact]
    public async Task Bare_lf_in_data_rejects_the_message_and_cannot_smuggle_a_second_one()
    {
        await using var server = await TestServer.StartAsync();
        await using var connection = await server.ConnectAndGreetAsync();
        await connection.WriteAsync("MAIL FROM:<a@test.example>\r\nRCPT TO:<b@test.example>\r\nDATA\r\n");
        Assert.Equal([250, 250, 354], (await connection.ReadRepliesAsync(3)).Select(r => r.Code));

        // The 2023 SMTP smuggling payload: "\n.\n" and "\n.\r\n" must not end the data.
        await connection.WriteAsync(
            "Subject: first\r\n\r\nbody\n.\nMAIL FROM:<evil@test.example>\r\nRCPT TO:<b@test.example>\r\nDATA\r\nSubject: smuggled\r\n\r\n\n.\r\nmore\r\n.\r\n");
        var reply = await connection.ReadReplyAsync();
        Assert.Equal(554, reply.Code);
        Assert.StartsWith("5.6.0", reply.Text, StringComparison.Ordinal);
        Assert.Equal(250, (await connection.CommandAsync("NOOP")).Code);
        Assert.Empty(server.Receiver.Messages);
    }

    [Fact]
    public async Task Bare_lf_in_data_is_kept_when_allowed()
    {
        await using var server = await TestServer.StartAsync(configure: o => o.RejectBareLineFeed = false);
        await using var connection = await server.ConnectAndGreetAsync();
        await connection.WriteAsync("MAIL FROM:<a@test.example>\r\nRCPT TO:<b@test.example>\r\nDATA\r\n");
        Assert.Equal([250, 250, 354], (await connection.ReadRepliesAsync(3)).Select(r => r.Code));
        await connection.WriteAsync("a\n.\nb\r\n.\r\n");
        Assert.Equal(250, (await connection.ReadReplyAsync()).Code);
        Assert.Equal("a\n.\nb\r\n", Encoding.ASCII.GetString(Assert.Single(server.Receiver.Messages).Content));
    }

    [Fact]
    public async Task Missing_end_of_data_frees_the_connection_without_delivering()
    {
        await using var server = await TestServer.StartAsync();
        var connection = await server.ConnectAndGreetAsync();
        await connection.WriteAsync("MAIL FROM:<a@test.example>\r\nRCPT TO:<b@test.example>\r\nDATA\r\n");
        Assert.Equal([250, 250, 354], (await connection.ReadRepliesAsync(3)).Select(r => r.Code));
        await connection.WriteAsync("Subject: cut\r\n\r\nthe client dies here\r\n");
        await connection.DisposeAsync();

        await server.WaitForNoConnectionsAsync();
        Assert.Empty(server.Receiver.Messages);
        await using var next = await server.ConnectAndGreetAsync();
        Assert.Equal(250, (await next.CommandAsync("NOOP")).Code);
    }

    [Fact]
    public async Task Commands_out_of_order_get_503()
    {
        await using var server = await TestServer.StartAsync();
        await using var connection = await server.ConnectAsync();
        Assert.Equal(220, (await connection.ReadReplyAsync()).Code);
        Assert.Equal(503, (await connection.CommandAsync("MAIL FROM:<a@test.example>")).Code);
        Assert.Equal(250, (await connection.CommandAsync("EHLO client.test.example")).Code);
        Assert.Equal(503, (await connection.CommandAsync("RCPT TO:<b@test.example>")).Code);
        Assert.Equal(503, (await connection.CommandAsync("DATA")).Code);
        Assert.Equal(250, (await connection.CommandAsync("MAIL FROM:<a@test.example>")).Code);
        Assert.Equal(503, (await connection.CommandAsync("MAIL FROM:<a@test.example>")).Code);
        var noRecipients = await connection.CommandAsync("DATA");
        Assert.Equal(554, noRecipients.Code);
        Assert.StartsWith("5.5.1 No valid recipients", noRecipients.Text, StringComparison.Ordinal);
        Assert.Equal(250, (await connection.CommandAsync("RSET")).Code);
        Assert.Equal(503, (await connection.CommandAsync("RCPT TO:<b@test.example>")).Code);
    }

    [Fact]
    public async Task Bad_arguments_get_the_named_replies()
    {
        await using var server = await TestServer.StartAsync();
        await using var connection = await server.ConnectAndGreetAsync();
        Assert.StartsWith("5.1.7", (await connection.CommandAsync("MAIL FROM:<a@@test.example>")).Text, StringComparison.Ordinal);
        Assert.Equal(501, (await connection.CommandAsync("MAIL FROM:a@test.example")).Code);
        Assert.StartsWith("5.5.4", (await connection.CommandAsync("MAIL TO:<a@test.example>")).Text, StringComparison.Ordinal);
        Assert.Equal(555, (await connection.CommandAsync("MAIL FROM:<a@test.example> RET=HDRS")).Code);
        Assert.Equal(501, (await connection.CommandAsync("MAIL FROM:<a@test.example> BODY=BINARYMIME")).Code);
        Assert.Equal(501, (await connection.CommandAsync("MAIL FROM:<a@test.example> SIZE=1 SIZE=2")).Code);
        var tooBig = await connection.CommandAsync("MAIL FROM:<a@test.example> SIZE=99999999999");
        Assert.Equal(552, tooBig.Code);
        Assert.StartsWith("5.3.4", tooBig.Text, StringComparison.Ordinal);
        Assert.Equal(250, (await connection.CommandAsync("MAIL FROM: <a@test.example>")).Code);
        Assert.StartsWith("5.1.3", (await connection.CommandAsync("RCPT TO:<b@-bad-.example>")).Text, StringComparison.Ordinal);
        Assert.Equal(555, (await connection.CommandAsync("RCPT TO:<b@test.example> NOTIFY=NEVER")).Code);
        Assert.Equal(502, (await connection.CommandAsync("AUTH PLAIN AGFAYg==")).Code);
        Assert.Equal(252, (await connection.CommandAsync("VRFY b")).Code);
    }

    [Fact]
    public async Task Ten_thousand_recipients_are_capped_at_the_limit()
    {
        const int Count = 10_000;
        await using var server = await TestServer.StartAsync();
        await using var connection = await server.ConnectAndGreetAsync();
        var commands = new StringBuilder("MAIL FROM:<a@test.example>\r\n");
        for (var i = 0; i < Count; i++)
        {
            commands.Append("RCPT TO:<r").Append(i).Append("@test.example>\r\n");
        }

        commands.Append("DATA\r\n");

        // Write and read at the same time, as a pipelining client must (RFC 2920 §3.1).
        var writing = connection.WriteAsync(commands.ToString());
        var replies = await connection.ReadRepliesAsync(Count + 2);
        await writing;

        var limit = SmtpServerLimits.Default.MaxRecipientsPerMessage;
        Assert.Equal(limit, replies.Skip(1).Take(Count).Count(r => r.Code == 250));
        Assert.All(replies.Skip(1 + limit).Take(Count - limit), r => Assert.Equal("452 4.5.3 Too many recipients", r.ToString()));
        Assert.Equal(354, replies[^1].Code);
        await connection.WriteAsync("Subject: many\r\n\r\n.\r\n");
        Assert.Equal(250, (await connection.ReadReplyAsync()).Code);
        Assert.Equal(limit, Assert.Single(server.Receiver.Messages).Envelope.Recipients.Count);
        Assert.Equal(limit, server.Receiver.RecipientCalls);
    }

    [Fact]
    public async Task Garbage_bytes_end_in_421_after_the_error_limit()
    {
        await using var server = await TestServer.StartAsync();
        var connection = await server.ConnectAsync();
        Assert.Equal(220, (await connection.ReadReplyAsync()).Code);
        var random = new Random(20240917);
        var garbage = new byte[64 * 1024];
        random.NextBytes(garbage);
        var writing = Task.Run(async () =>
        {
            try
            {
                await connection.WriteAsync(garbage);
            }
            catch (IOException)
            {
                // The server may hang up before it has read all of it.
            }
        });

        var replies = new List<RawReply>();
        for (var i = 0; i < SmtpServerLimits.Default.MaxBadCommands + 5; i++)
        {
            var reply = await connection.ReadReplyAsync();
            replies.Add(reply);
            if (reply.Code == 421)
            {
                break;
            }
        }

        Assert.Equal(421, replies[^1].Code);
        Assert.All(replies.SkipLast(1), r => Assert.Equal(5, r.Code / 100));
        Assert.True(await connection.WaitForCloseAsync());
        await writing;
        await connection.DisposeAsync();
        await server.WaitForNoConnectionsAsync();
        await using var next = await server.ConnectAndGreetAsync();
        Assert.Equal(250, (await next.CommandAsync("NOOP")).Code);
    }

    [Fact]
    public async Task Junk_commands_are_limited()
    {
        var limits = SmtpServerLimits.Default.Clone();
        limits.MaxJunkCommands = 5;
        await using var server = await TestServer.StartAsync(configure: o => o.Limits = limits);
        await using var connection = await server.ConnectAndGreetAsync();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(250, (await connection.CommandAsync("NOOP")).Code);
        }

        var refused = await connection.CommandAsync("RSET");
        Assert.Equal(421, refused.Code);
        Assert.StartsWith("4.7.0", refused.Text, StringComparison.Ordinal);
        Assert.True(await connection.WaitForCloseAsync());
    }

    [Fact]
    public async Task Plaintext_pipelined_after_starttls_closes_the_connection()
    {
        await using var server = await TestServer.StartAsync(configure: o => o.Certificate = SmtpServerCertificates.CreateSelfSigned("mx.test.example"));
        await using var connection = await server.ConnectAndGreetAsync();
        await connection.WriteAsync("STARTTLS\r\nMAIL FROM:<injected@test.example>\r\n");
        var reply = await connection.ReadReplyAsync();
        Assert.Equal(554, reply.Code);
        Assert.True(await connection.WaitForCloseAsync());
        await server.WaitForNoConnectionsAsync();
    }

    [Fact]
    public async Task Starttls_then_a_fresh_ehlo_is_required()
    {
        await using var server = await TestServer.StartAsync(configure: o => o.Certificate = SmtpServerCertificates.CreateSelfSigned("mx.test.example"));
        await using var connection = await server.ConnectAndGreetAsync();
        Assert.Equal(220, (await connection.CommandAsync("STARTTLS")).Code);
        var tls = new SslStream(connection.Stream, leaveInnerStreamOpen: false, (_, _, _, _) => true);
        await tls.AuthenticateAsClientAsync("mx.test.example");
        connection.Stream = tls;
        Assert.Equal(503, (await connection.CommandAsync("MAIL FROM:<a@test.example>")).Code);
        var ehlo = await connection.CommandAsync("EHLO client.test.example");
        Assert.DoesNotContain("STARTTLS", ehlo.Lines);
        Assert.Equal(503, (await connection.CommandAsync("STARTTLS")).Code);
        await connection.WriteAsync("MAIL FROM:<a@test.example>\r\nRCPT TO:<b@test.example>\r\nDATA\r\n");
        Assert.Equal([250, 250, 354], (await connection.ReadRepliesAsync(3)).Select(r => r.Code));
        await connection.WriteAsync("Subject: secret\r\n\r\n.\r\n");
        Assert.Equal(250, (await connection.ReadReplyAsync()).Code);
        Assert.True(Assert.Single(server.Receiver.Messages).Session.IsSecure);
    }

    [Fact]
    public async Task Starttls_without_a_certificate_is_refused()
    {
        await using var server = await TestServer.StartAsync();
        await using var connection = await server.ConnectAndGreetAsync();
        var reply = await connection.CommandAsync("STARTTLS");
        Assert.Equal(454, reply.Code);
        Assert.Equal(250, (await connection.CommandAsync("NOOP")).Code);
    }

    [Fact]
    public async Task Message_above_the_size_limit_is_read_and_refused()
    {
        var limits = SmtpServerLimits.Default.Clone();
        limits.MaxMessageSize = 10_000;
        await using var server = await TestServer.StartAsync(configure: o => o.Limits = limits);
        await using var connection = await server.ConnectAndGreetAsync();
        await connection.WriteAsync("MAIL FROM:<a@test.example>\r\nRCPT TO:<b@test.example>\r\nDATA\r\n");
        Assert.Equal([250, 250, 354], (await connection.ReadRepliesAsync(3)).Select(r => r.Code));
        await connection.WriteAsync(string.Concat(Enumerable.Repeat(new string('z', 98) + "\r\n", 200)) + ".\r\n");
        var reply = await connection.ReadReplyAsync();
        Assert.Equal("552 5.3.4 Message size exceeds fixed maximum message size", reply.ToString());

        await connection.WriteAsync("MAIL FROM:<a@test.example>\r\nRCPT TO:<b@test.example>\r\nBDAT 20000 LAST\r\n" + new string('q', 20_000));
        Assert.Equal([250, 250, 552], (await connection.ReadRepliesAsync(3)).Select(r => r.Code));
        Assert.Equal(250, (await connection.CommandAsync("NOOP")).Code);
        Assert.Empty(server.Receiver.Messages);
    }

    [Fact]
    public async Task Malformed_bdat_closes_the_connection()
    {
        await using var server = await TestServer.StartAsync();
        await using var connection = await server.ConnectAndGreetAsync();
        Assert.Equal(501, (await connection.CommandAsync("BDAT lots")).Code);
        Assert.True(await connection.WaitForCloseAsync());
    }
}
