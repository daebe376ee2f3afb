using System.Collections.Concurrent;
using System.Text;
using TldOps.Mail.Smtp;
using TldOps.Mail.Smtp.Server;
using TldOps.Mail.Tests.Smtp.Support;

namespace TldOps.Mail.Tests.Smtp;

public sealed class SmtpServerTransactionTests
{
    [Fact]
    public async Task Ehlo_advertises_the_extensions()
    {
        await using var server = await TestServer.StartAsync(configure: o => o.Certificate = SmtpServerCertificates.CreateSelfSigned("mx.test.example"));
        await using var connection = await server.ConnectAsync();
        var greeting = await connection.ReadReplyAsync();
        Assert.Equal(220, greeting.Code);
        Assert.StartsWith("mx.test.example ESMTP", greeting.Text, StringComparison.Ordinal);

        var ehlo = await connection.CommandAsync("EHLO client.test.example");
        Assert.Equal(250, ehlo.Code);
        Assert.Equal(
            ["PIPELINING", "SIZE 10240000", "8BITMIME", "SMTPUTF8", "ENHANCEDSTATUSCODES", "CHUNKING", "STARTTLS"],
            ehlo.Lines.Skip(1));
    }

    [Fact]
    public async Task Data_is_unstuffed_and_handed_over_exactly()
    {
        await using var server = await TestServer.StartAsync();
        await using var connection = await server.ConnectAndGreetAsync();
        Assert.Equal(250, (await connection.CommandAsync("MAIL FROM:<alice@sender.example> BODY=8BITMIME SIZE=80")).Code);
        Assert.Equal(250, (await connection.CommandAsync("RCPT TO:<bob@test.example>")).Code);
        var data = await connection.CommandAsync("DATA");
        Assert.Equal(354, data.Code);
        var body = "Subject: dots\r\n\r\n..leading dot\r\n...two\r\n.\r\n";
        await connection.WriteAsync(body);
        var accepted = await connection.ReadReplyAsync();
        Assert.Equal(250, accepted.Code);
        Assert.StartsWith("2.0.0 ", accepted.Text, StringComparison.Ordinal);

        var message = Assert.Single(server.Receiver.Messages);
        Assert.Equal("Subject: dots\r\n\r\n.leading dot\r\n..two\r\n", Encoding.ASCII.GetString(message.Content));
        Assert.Equal("alice@sender.example", message.Envelope.From.Address);
        Assert.Equal(["bob@test.example"], message.Envelope.Recipients.Select(r => r.Address));
        Assert.Equal(SmtpBodyType.EightBitMime, message.Envelope.BodyType);
        Assert.Equal(80, message.Envelope.DeclaredSize);
        Assert.Equal("client.test.example", message.Session.HeloName);
        Assert.False(message.Session.IsSecure);
    }

    [Fact]
    public async Task The_receiver_decides_on_the_thread_pool_even_where_socket_continuations_run_on_the_event_threads()
    {
        // tests/inline-completions.runsettings sets this for the mail tests, as tldops serve on SQLite does for itself.
        Assert.Equal("1", Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS"));
        var onPool = new ConcurrentQueue<bool>();
        var receiver = new RecordingReceiver
        {
            MessagePolicy = (_, _) =>
            {
                onPool.Enqueue(Thread.CurrentThread.IsThreadPoolThread);
                return SmtpDecision.Accepted;
            },
        };
        await using var server = await TestServer.StartAsync(receiver);
        await using var connection = await server.ConnectAndGreetAsync();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(250, (await connection.CommandAsync("MAIL FROM:<alice@sender.example>")).Code);
            Assert.Equal(250, (await connection.CommandAsync("RCPT TO:<bob@test.example>")).Code);
            Assert.Equal(354, (await connection.CommandAsync("DATA")).Code);
            await connection.WriteAsync($"Subject: {i}\r\n\r\nbody\r\n.\r\n");
            Assert.Equal(250, (await connection.ReadReplyAsync()).Code);
        }

        Assert.Equal([true, true, true, true, true], onPool.ToArray());
    }

    [Fact]
    public async Task Pipelined_commands_get_replies_in_order()
    {
        var receiver = new RecordingReceiver { RecipientPolicy = r => r.LocalPart == "nobody" ? SmtpDecision.UnknownRecipient() : SmtpDecision.Accepted };
        await using var server = await TestServer.StartAsync(receiver);
        await using var connection = await server.ConnectAndGreetAsync();
        await connection.WriteAsync(
            "MAIL FROM:<>\r\nRCPT TO:<a@test.example>\r\nRCPT TO:<nobody@test.example>\r\nRCPT TO:<b@test.example>\r\nDATA\r\n");
        var replies = await connection.ReadRepliesAsync(5);
        Assert.Equal([250, 250, 550, 250, 354], replies.Select(r => r.Code));
        Assert.StartsWith("5.1.1", replies[2].Text, StringComparison.Ordinal);
        await connection.WriteAsync("Subject: x\r\n\r\nhi\r\n.\r\nQUIT\r\n");
        Assert.Equal(250, (await connection.ReadReplyAsync()).Code);
        Assert.Equal(221, (await connection.ReadReplyAsync()).Code);
        Assert.True(await connection.WaitForCloseAsync());

        var message = Assert.Single(server.Receiver.Messages);
        Assert.True(message.Envelope.From.IsNullPath);
        Assert.Equal(["a@test.example", "b@test.example"], message.Envelope.Recipients.Select(r => r.Address));
    }

    [Fact]
    public async Task Bdat_chunks_are_joined_without_unstuffing()
    {
        await using var server = await TestServer.StartAsync();
        await using var connection = await server.ConnectAndGreetAsync();
        var first = "Subject: chunks\r\n\r\n.not stuffed\r\n";
        var second = "end\r\n";
        await connection.WriteAsync(
            $"MAIL FROM:<a@test.example>\r\nRCPT TO:<b@test.example>\r\nBDAT {first.Length}\r\n{first}BDAT {second.Length} LAST\r\n{second}");
        var replies = await connection.ReadRepliesAsync(4);
        Assert.Equal([250, 250, 250, 250], replies.Select(r => r.Code));
        Assert.Contains($"{first.Length} octets received", replies[2].Text, StringComparison.Ordinal);
        Assert.Equal(first + second, Encoding.ASCII.GetString(Assert.Single(server.Receiver.Messages).Content));
    }

    [Fact]
    public async Task Bdat_and_data_do_not_mix_and_bdat_bytes_are_consumed_when_refused()
    {
        await using var server = await TestServer.StartAsync();
        await using var connection = await server.ConnectAndGreetAsync();

        // No transaction: the 6 octets must still be swallowed, not read as a command.
        await connection.WriteAsync("BDAT 6\r\nNOOP\r\n");
        Assert.Equal(503, (await connection.ReadReplyAsync()).Code);
        Assert.Equal(250, (await connection.CommandAsync("MAIL FROM:<a@test.example>")).Code);
        Assert.Equal(250, (await connection.CommandAsync("RCPT TO:<b@test.example>")).Code);
        await connection.WriteAsync("BDAT 3\r\nabc");
        Assert.Equal(250, (await connection.ReadReplyAsync()).Code);
        var data = await connection.CommandAsync("DATA");
        Assert.Equal(503, data.Code);
        Assert.Contains("DATA after BDAT", data.Text, StringComparison.Ordinal);
        Assert.Empty(server.Receiver.Messages);
    }

    [Fact]
    public async Task Lmtp_answers_once_per_recipient()
    {
        var receiver = new RecordingReceiver
        {
            RecipientPolicy = r => r.LocalPart == "unknown" ? SmtpDecision.UnknownRecipient() : SmtpDecision.Accepted,
            LmtpPolicy = e => e.Recipients.Select(r => r.LocalPart == "full"
                ? SmtpDecision.Reject(452, "4.2.2", "Mailbox full")
                : SmtpDecision.Accepted).ToArray(),
        };
        await using var server = await TestServer.StartAsync(receiver, SmtpProtocol.Lmtp);
        await using var connection = await server.ConnectAsync();
        Assert.Equal(220, (await connection.ReadReplyAsync()).Code);
        Assert.Equal(500, (await connection.CommandAsync("EHLO client.test.example")).Code);
        Assert.Equal(250, (await connection.CommandAsync("LHLO client.test.example")).Code);
        await connection.WriteAsync(
            "MAIL FROM:<a@test.example>\r\nRCPT TO:<one@test.example>\r\nRCPT TO:<unknown@test.example>\r\nRCPT TO:<full@test.example>\r\nDATA\r\n");
        Assert.Equal([250, 250, 550, 250, 354], (await connection.ReadRepliesAsync(5)).Select(r => r.Code));
        await connection.WriteAsync("Subject: lmtp\r\n\r\nbody\r\n.\r\n");
        var perRecipient = await connection.ReadRepliesAsync(2);
        Assert.Equal(250, perRecipient[0].Code);
        Assert.Contains("one@test.example", perRecipient[0].Text, StringComparison.Ordinal);
        Assert.Equal(452, perRecipient[1].Code);
        Assert.StartsWith("4.2.2", perRecipient[1].Text, StringComparison.Ordinal);
        Assert.Equal(250, (await connection.CommandAsync("NOOP")).Code);
    }

    [Fact]
    public async Task Lmtp_bdat_last_answers_once_per_recipient()
    {
        await using var server = await TestServer.StartAsync(protocol: SmtpProtocol.Lmtp);
        await using var connection = await server.ConnectAndGreetAsync("LHLO");
        await connection.WriteAsync("MAIL FROM:<a@test.example>\r\nRCPT TO:<x@test.example>\r\nRCPT TO:<y@test.example>\r\nBDAT 4 LAST\r\nhi\r\n");
        Assert.Equal([250, 250, 250, 250, 250], (await connection.ReadRepliesAsync(5)).Select(r => r.Code));
        Assert.Equal("hi\r\n", Encoding.ASCII.GetString(Assert.Single(server.Receiver.Messages).Content));
    }

    [Fact]
    public async Task A_failing_receiver_gets_451_and_the_connection_stays()
    {
        var calls = 0;
        var receiver = new RecordingReceiver
        {
            MessagePolicy = (_, _) => Interlocked.Increment(ref calls) == 1 ? throw new InvalidOperationException("database down") : SmtpDecision.Accepted,
        };
        await using var server = await TestServer.StartAsync(receiver);
        await using var connection = await server.ConnectAndGreetAsync();
        for (var attempt = 0; attempt < 2; attempt++)
        {
            await connection.WriteAsync("MAIL FROM:<a@test.example>\r\nRCPT TO:<b@test.example>\r\nDATA\r\n");
            Assert.Equal([250, 250, 354], (await connection.ReadRepliesAsync(3)).Select(r => r.Code));
            await connection.WriteAsync("Subject: retry\r\n\r\n.\r\n");
            var reply = await connection.ReadReplyAsync();
            Assert.Equal(attempt == 0 ? 451 : 250, reply.Code);
            if (attempt == 0)
            {
                Assert.StartsWith("4.3.0", reply.Text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Utf8_addresses_need_smtputf8()
    {
        await using var server = await TestServer.StartAsync();
        await using var connection = await server.ConnectAndGreetAsync();
        var refused = await connection.CommandAsync("MAIL FROM:<jörg@bücher.example>");
        Assert.Equal(553, refused.Code);
        Assert.StartsWith("5.6.7", refused.Text, StringComparison.Ordinal);
        Assert.Equal(250, (await connection.CommandAsync("MAIL FROM:<jörg@bücher.example> SMTPUTF8")).Code);
        Assert.Equal(250, (await connection.CommandAsync("RCPT TO:<δοκιμή@παράδειγμα.example>")).Code);
        Assert.Equal(354, (await connection.CommandAsync("DATA")).Code);
        await connection.WriteAsync("Subject: Grüße\r\n\r\nß\r\n.\r\n");
        Assert.Equal(250, (await connection.ReadReplyAsync()).Code);
        var message = Assert.Single(server.Receiver.Messages);
        Assert.True(message.Envelope.SmtpUtf8);
        Assert.Equal("δοκιμή@παράδειγμα.example", message.Envelope.Recipients[0].Address);
        Assert.Equal("Subject: Grüße\r\n\r\nß\r\n", Encoding.UTF8.GetString(message.Content));
    }

    [Fact]
    public async Task Large_messages_are_spooled_to_a_file_that_is_removed_afterwards()
    {
        using var spool = new TldOps.Testing.TempDirectory("smtp-spool");
        await using var server = await TestServer.StartAsync(configure: o =>
        {
            o.SpoolThreshold = 4096;
            o.SpoolDirectory = spool.Path;
        });
        await using var connection = await server.ConnectAndGreetAsync();
        var line = new string('x', 76) + "\r\n";
        var body = "Subject: big\r\n\r\n" + string.Concat(Enumerable.Repeat(line, 3000));
        await connection.WriteAsync("MAIL FROM:<a@test.example>\r\nRCPT TO:<b@test.example>\r\nDATA\r\n");
        Assert.Equal([250, 250, 354], (await connection.ReadRepliesAsync(3)).Select(r => r.Code));
        await connection.WriteAsync(body + ".\r\n");
        Assert.Equal(250, (await connection.ReadReplyAsync()).Code);
        var message = Assert.Single(server.Receiver.Messages);
        Assert.False(message.WasInMemory);
        Assert.Equal(body, Encoding.ASCII.GetString(message.Content));
        Assert.Empty(Directory.GetFiles(spool.Path));
    }

    [Fact]
    public async Task Postmaster_without_domain_is_a_valid_recipient()
    {
        await using var server = await TestServer.StartAsync();
        await using var connection = await server.ConnectAndGreetAsync();
        Assert.Equal(250, (await connection.CommandAsync("MAIL FROM:<a@test.example>")).Code);
        Assert.Equal(250, (await connection.CommandAsync("RCPT TO:<Postmaster>")).Code);
        Assert.Equal(501, (await connection.CommandAsync("RCPT TO:<someone>")).Code);
    }
}
