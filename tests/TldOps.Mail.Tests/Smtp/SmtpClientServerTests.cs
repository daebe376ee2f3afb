using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using TldOps.Mail.Smtp;
using TldOps.Mail.Smtp.Client;
using TldOps.Mail.Smtp.Server;
using TldOps.Mail.Smtp.Sink;
using TldOps.Mail.Tests.Smtp.Support;

namespace TldOps.Mail.Tests.Smtp;

/// <summary>Our client against our server, over loopback, in SMTP and LMTP.</summary>
public sealed class SmtpClientServerTests
{
    public static TheoryData<bool, bool> Modes => new() { { true, true }, { true, false }, { false, true }, { false, false } };

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Message_arrives_byte_for_byte_with_line_ends_normalised(bool pipelining, bool chunking)
    {
        await using var sink = await StartSinkAsync();
        var options = ClientOptions();
        options.UsePipelining = pipelining;
        options.UseChunking = chunking;
        await using var client = new SmtpClient(options);
        await client.ConnectAsync("127.0.0.1", sink.EndPoint.Port);

        var text = "Subject: dots and LFs\n\n.a line with a leading dot\n..two\n.\nbare CR\rstays\r\nno final newline";
        var result = await client.SendAsync(TestMessages.Envelope("bob@test.example"), Encoding.ASCII.GetBytes(text));

        Assert.True(result.AllAccepted);
        Assert.Equal(SmtpStep.DataEnd, result.Recipients[0].Step);
        var received = Assert.Single(sink.Messages);
        Assert.Equal(TestMessages.Normalized(text), Encoding.ASCII.GetString(received.Content.Span));
        Assert.Equal(1, client.TransactionCount);
        await client.QuitAsync();
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task Eight_bit_and_utf8_messages_declare_body_and_smtputf8()
    {
        await using var sink = await StartSinkAsync();
        await using var client = new SmtpClient(ClientOptions());
        await client.ConnectAsync("127.0.0.1", sink.EndPoint.Port);

        await client.SendAsync(TestMessages.Envelope("bob@test.example"), Encoding.UTF8.GetBytes("Subject: plain\r\n\r\nGrüße\r\n"));
        await client.SendAsync(
            new SmtpEnvelope(SmtpAddress.Parse("alice@sender.example"), [SmtpAddress.Parse("δοκιμή@παράδειγμα.example")]),
            Encoding.UTF8.GetBytes("Subject: Grüße\r\n\r\nx\r\n"));
        await client.SendAsync(TestMessages.Envelope("bob@test.example"), TestMessages.Simple());

        var messages = sink.Messages;
        Assert.Equal(SmtpBodyType.EightBitMime, messages[0].Envelope.BodyType);
        Assert.False(messages[0].Envelope.SmtpUtf8);
        Assert.True(messages[1].Envelope.SmtpUtf8);
        Assert.Equal(SmtpBodyType.Unspecified, messages[2].Envelope.BodyType);
        Assert.False(messages[2].Envelope.SmtpUtf8);
        Assert.Equal(messages[2].Content.Length, messages[2].Envelope.DeclaredSize);
    }

    [Fact]
    public async Task Recipients_get_their_own_outcome()
    {
        await using var sink = await StartSinkAsync(o => o.RecipientPolicy = r => r.LocalPart switch
        {
            "gone" => SmtpDecision.UnknownRecipient(),
            "busy" => SmtpDecision.Reject(450, "4.2.1", "Mailbox busy"),
            _ => SmtpDecision.Accepted,
        });
        await using var client = new SmtpClient(ClientOptions());
        await client.ConnectAsync("127.0.0.1", sink.EndPoint.Port);

        var result = await client.SendAsync(TestMessages.Envelope("one@test.example", "gone@test.example", "busy@test.example", "two@test.example"), TestMessages.Simple());

        Assert.Equal(
            [SmtpRecipientStatus.Accepted, SmtpRecipientStatus.PermanentFailure, SmtpRecipientStatus.TransientFailure, SmtpRecipientStatus.Accepted],
            result.Recipients.Select(r => r.Status));
        Assert.Equal(new SmtpEnhancedStatusCode(5, 1, 1), result.Recipients[1].Reply.EnhancedStatus);
        Assert.Equal(SmtpStep.RcptTo, result.Recipients[2].Step);
        Assert.Equal(["one@test.example", "two@test.example"], Assert.Single(sink.Messages).Envelope.Recipients.Select(r => r.Address));
    }

    [Fact]
    public async Task When_every_recipient_is_refused_nothing_is_sent_and_the_next_transaction_resets()
    {
        await using var sink = await StartSinkAsync(o => o.RecipientPolicy = r => r.LocalPart == "gone" ? SmtpDecision.UnknownRecipient() : SmtpDecision.Accepted);
        foreach (var chunking in new[] { true, false })
        {
            var options = ClientOptions();
            options.UseChunking = chunking;
            await using var client = new SmtpClient(options);
            await client.ConnectAsync("127.0.0.1", sink.EndPoint.Port);
            var refused = await client.SendAsync(TestMessages.Envelope("gone@test.example"), TestMessages.Simple());
            Assert.Equal(SmtpRecipientStatus.PermanentFailure, Assert.Single(refused.Recipients).Status);
            var accepted = await client.SendAsync(TestMessages.Envelope("here@test.example"), TestMessages.Simple());
            Assert.True(accepted.AllAccepted);
        }

        Assert.Equal(2, sink.MessageCount);
    }

    [Fact]
    public async Task Many_recipients_go_in_pipelined_batches_and_the_servers_limit_is_transient()
    {
        var limits = SmtpServerLimits.Default.Clone();
        limits.MaxRecipientsPerMessage = 200;
        await using var server = await TestServer.StartAsync(configure: o => o.Limits = limits);
        var options = ClientOptions();
        options.MaxPipelinedRecipients = 64;
        await using var client = new SmtpClient(options);
        await client.ConnectAsync("127.0.0.1", server.EndPoint.Port);
        var recipients = Enumerable.Range(0, 250).Select(i => $"r{i}@test.example").ToArray();

        var result = await client.SendAsync(TestMessages.Envelope(recipients), TestMessages.Simple());

        Assert.Equal(200, result.AcceptedCount);
        Assert.All(result.Recipients.Skip(200), r =>
        {
            Assert.Equal(SmtpRecipientStatus.TransientFailure, r.Status);
            Assert.Equal(new SmtpEnhancedStatusCode(4, 5, 3), r.Reply.EnhancedStatus);
        });
        Assert.Equal(recipients.Take(200), Assert.Single(server.Receiver.Messages).Envelope.Recipients.Select(r => r.Address));
    }

    [Fact]
    public async Task Lmtp_gives_one_result_per_recipient_after_the_data()
    {
        var receiver = new RecordingReceiver
        {
            LmtpPolicy = e => e.Recipients.Select(r => r.LocalPart == "full" ? SmtpDecision.Reject(452, "4.2.2", "Over quota") : SmtpDecision.Accepted).ToArray(),
        };
        await using var server = await TestServer.StartAsync(receiver, SmtpProtocol.Lmtp);
        foreach (var chunking in new[] { true, false })
        {
            var options = ClientOptions();
            options.Protocol = SmtpProtocol.Lmtp;
            options.UseChunking = chunking;
            await using var client = new SmtpClient(options);
            await client.ConnectAsync("127.0.0.1", server.EndPoint.Port);
            var result = await client.SendAsync(TestMessages.Envelope("a@test.example", "full@test.example", "b@test.example"), TestMessages.Simple());
            Assert.Equal([SmtpRecipientStatus.Accepted, SmtpRecipientStatus.TransientFailure, SmtpRecipientStatus.Accepted], result.Recipients.Select(r => r.Status));
            Assert.All(result.Recipients, r => Assert.Equal(SmtpStep.DataEnd, r.Step));
            Assert.Equal(new SmtpEnhancedStatusCode(4, 2, 2), result.Recipients[1].Reply.EnhancedStatus);
        }

        Assert.Equal(2, receiver.Messages.Count);
    }

    [Fact]
    public async Task A_refused_message_throws_a_command_exception_and_the_connection_stays()
    {
        var receiver = new RecordingReceiver
        {
            MessagePolicy = (_, bytes) => Encoding.ASCII.GetString(bytes).Contains("spam", StringComparison.Ordinal)
                ? SmtpDecision.PolicyRejection("Looks like spam")
                : SmtpDecision.Accepted,
        };
        await using var server = await TestServer.StartAsync(receiver);
        await using var client = new SmtpClient(ClientOptions());
        await client.ConnectAsync("127.0.0.1", server.EndPoint.Port);
        var refused = await Assert.ThrowsAsync<SmtpCommandException>(() => client.SendAsync(TestMessages.Envelope("b@test.example"), TestMessages.Simple("spam")));
        Assert.Equal(SmtpStep.Bdat, refused.Step);
        Assert.Equal(550, refused.Code);
        Assert.False(refused.IsTransient);
        Assert.Equal(new SmtpEnhancedStatusCode(5, 7, 1), refused.EnhancedStatus);
        Assert.True(client.IsConnected);
        Assert.True((await client.SendAsync(TestMessages.Envelope("b@test.example"), TestMessages.Simple("ham"))).AllAccepted);
    }

    [Fact]
    public async Task Too_large_for_the_advertised_size_is_refused_before_sending()
    {
        var limits = SmtpServerLimits.Default.Clone();
        limits.MaxMessageSize = 2000;
        await using var server = await TestServer.StartAsync(configure: o => o.Limits = limits);
        await using var client = new SmtpClient(ClientOptions());
        await client.ConnectAsync("127.0.0.1", server.EndPoint.Port);
        Assert.Equal(2000, client.Capabilities.MaxSize);
        var refused = await Assert.ThrowsAsync<SmtpCommandException>(() => client.SendAsync(TestMessages.Envelope("b@test.example"), TestMessages.Simple(body: new string('x', 3000))));
        Assert.Equal(SmtpStep.CapabilityCheck, refused.Step);
        Assert.Equal(552, refused.Code);
        Assert.Equal(0, server.Receiver.RecipientCalls);
        await client.NoopAsync();
    }

    [Fact]
    public async Task Large_message_goes_through_in_chunks()
    {
        var limits = SmtpServerLimits.Default.Clone();
        limits.MaxMessageSize = 20_000_000;
        await using var server = await TestServer.StartAsync(configure: o => o.Limits = limits);
        var line = "0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz.\n";
        var body = new StringBuilder("Subject: big\n\n");
        for (var i = 0; i < 100_000; i++)
        {
            body.Append(i % 7 == 0 ? "." : string.Empty).Append(line);
        }

        var bytes = Encoding.ASCII.GetBytes(body.ToString());
        foreach (var chunking in new[] { true, false })
        {
            var options = ClientOptions();
            options.UseChunking = chunking;
            await using var client = new SmtpClient(options);
            await client.ConnectAsync("127.0.0.1", server.EndPoint.Port);
            Assert.True((await client.SendAsync(TestMessages.Envelope("b@test.example"), bytes)).AllAccepted);
        }

        var expected = TestMessages.Normalized(body.ToString());
        Assert.All(server.Receiver.Messages, m => Assert.Equal(expected, Encoding.ASCII.GetString(m.Content)));
        Assert.Equal(2, server.Receiver.Messages.Count);
    }

    [Fact]
    public async Task Required_starttls_with_a_validation_callback_encrypts()
    {
        var certificate = SmtpServerCertificates.CreateSelfSigned("localhost");
        await using var sink = await StartSinkAsync(o => o.Certificate = certificate);
        var options = ClientOptions();
        options.StartTls = SmtpStartTlsPolicy.Required;
        options.CertificateValidation = (_, cert, _, _) => cert is not null && cert.GetCertHashString() == certificate.GetCertHashString();
        await using var client = new SmtpClient(options);
        await client.ConnectAsync("localhost", sink.EndPoint.Port);
        Assert.True(client.IsSecure);
        Assert.False(client.Capabilities.StartTls);
        await client.SendAsync(TestMessages.Envelope("b@test.example"), TestMessages.Simple());
        Assert.True(Assert.Single(sink.Messages).IsSecure);
    }

    [Fact]
    public async Task Required_starttls_rejects_an_untrusted_certificate_by_default()
    {
        await using var sink = await StartSinkAsync(o => o.Certificate = SmtpServerCertificates.CreateSelfSigned("localhost"));
        var options = ClientOptions();
        options.StartTls = SmtpStartTlsPolicy.Required;
        await using var client = new SmtpClient(options);
        var failure = await Assert.ThrowsAsync<SmtpProtocolException>(() => client.ConnectAsync("localhost", sink.EndPoint.Port));
        Assert.Equal(SmtpProtocolError.TlsHandshakeFailed, failure.Error);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task Opportunistic_starttls_accepts_a_self_signed_certificate_and_falls_back_without_tls()
    {
        await using var withTls = await StartSinkAsync(o => o.Certificate = SmtpServerCertificates.CreateSelfSigned("localhost"));
        await using var withoutTls = await StartSinkAsync();
        await using var first = new SmtpClient(ClientOptions());
        await first.ConnectAsync("localhost", withTls.EndPoint.Port);
        Assert.True(first.IsSecure);
        await using var second = new SmtpClient(ClientOptions());
        await second.ConnectAsync("localhost", withoutTls.EndPoint.Port);
        Assert.False(second.IsSecure);

        var required = ClientOptions();
        required.StartTls = SmtpStartTlsPolicy.Required;
        await using var third = new SmtpClient(required);
        var failure = await Assert.ThrowsAsync<SmtpProtocolException>(() => third.ConnectAsync("localhost", withoutTls.EndPoint.Port));
        Assert.Equal(SmtpProtocolError.TlsNotOffered, failure.Error);
        Assert.True(failure.IsTransient);
    }

    [Fact]
    public async Task Credentials_are_not_sent_without_tls()
    {
        await using var sink = await StartSinkAsync();
        var options = ClientOptions();
        options.Credentials = new NetworkCredential("user", "secret");
        await using var client = new SmtpClient(options);
        var failure = await Assert.ThrowsAsync<SmtpProtocolException>(() => client.ConnectAsync("127.0.0.1", sink.EndPoint.Port));
        Assert.Equal(SmtpProtocolError.AuthenticationUnavailable, failure.Error);
        Assert.False(failure.IsTransient);
    }

    [Fact]
    public async Task A_server_that_never_greets_times_out()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var options = ClientOptions();
        options.GreetingTimeout = TimeSpan.FromMilliseconds(300);
        await using var client = new SmtpClient(options);
        var connecting = client.ConnectAsync("127.0.0.1", ((IPEndPoint)listener.LocalEndpoint).Port);
        using var accepted = await listener.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(15));
        var failure = await Assert.ThrowsAsync<SmtpProtocolException>(() => connecting);
        Assert.Equal(SmtpProtocolError.Timeout, failure.Error);
        Assert.Equal(SmtpStep.Greeting, failure.Step);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task Connecting_to_a_closed_port_fails_cleanly()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var client = new SmtpClient(ClientOptions());
        var failure = await Assert.ThrowsAsync<SmtpProtocolException>(() => client.ConnectAsync("127.0.0.1", port));
        Assert.Equal(SmtpProtocolError.ConnectFailed, failure.Error);
    }

    [Fact]
    public async Task Cancelling_a_send_closes_the_connection()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var never = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var receiver = new RecordingReceiver
        {
            BeforeDecision = async () =>
            {
                entered.TrySetResult();
                await never.Task;
            },
        };
        await using var server = await TestServer.StartAsync(receiver);
        await using var client = new SmtpClient(ClientOptions());
        await client.ConnectAsync("127.0.0.1", server.EndPoint.Port);
        using var cts = new CancellationTokenSource();
        var sending = client.SendAsync(TestMessages.Envelope("b@test.example"), TestMessages.Simple(), cts.Token);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(15));
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        Assert.False(client.IsConnected);
        never.SetResult();
    }

    internal static SmtpClientOptions ClientOptions()
    {
        var options = SmtpClientOptions.Default.Clone();
        options.LocalDomain = "client.test.example";
        return options;
    }

    private static async Task<SmtpSink> StartSinkAsync(Action<SmtpSinkOptions>? configure = null)
    {
        var options = new SmtpSinkOptions { KeepInMemory = true };
        configure?.Invoke(options);
        var sink = new SmtpSink(options);
        await sink.StartAsync();
        return sink;
    }
}
