using System.Text;
using TldOps.Mail.Smtp;
using TldOps.Mail.Smtp.Client;
using TldOps.Mail.Smtp.Server;
using TldOps.Mail.Tests.Smtp.Support;
using TldOps.Testing;

namespace TldOps.Mail.Tests.Smtp;

/// <summary>
/// Our client submits to a real Postfix (its own instance on loopback), which relays to our
/// server over SMTP or LMTP: both of our ends talk to a production MTA.
/// </summary>
public sealed class PostfixTests
{
    private const string Recorded = "Postfix 3.7 (Debian) on loopback, its own instance (PostfixInstance), driven by PostfixTests";

    [RequiresTheory("postfix=postfix")]
    [InlineData(true, "postfix-pipelined-bdat.txt")]
    [InlineData(false, "postfix-pipelined-data.txt")]
    public async Task Client_to_postfix_to_our_server(bool chunking, string transcript)
    {
        await using var server = await TestServer.StartAsync();
        await using var postfix = await PostfixInstance.StartAsync($"smtp:[127.0.0.1]:{server.EndPoint.Port}");
        await using var client = new SmtpClient(ClientScenarios.Options(o => o.UseChunking = chunking));
        var recording = await ClientScenarios.ConnectRecordingAsync(client, postfix.Port);
        Assert.Equal(chunking, client.Capabilities.Chunking && chunking);
        await ClientScenarios.PipelinedTransactionsAsync(client);

        await server.Receiver.WaitForMessagesAsync(2);
        var messages = server.Receiver.Messages.OrderBy(m => m.Envelope.Recipients[0].Address, StringComparer.Ordinal).ToArray();
        Assert.Equal(["bob@test.example"], messages[0].Envelope.Recipients.Select(r => r.Address));
        Assert.Equal(["carol@test.example", "dave@test.example"], messages[1].Envelope.Recipients.Select(r => r.Address));
        Assert.All(messages, m => Assert.Equal("alice@sender.example", m.Envelope.From.Address));

        var first = Encoding.UTF8.GetString(messages[0].Content);
        Assert.StartsWith("Received: from client.test.example", first, StringComparison.Ordinal);
        Assert.Contains("\r\n..a line that starts with a dot\r\nlast line\r\n".Replace("..", ".", StringComparison.Ordinal), first, StringComparison.Ordinal);
        var second = messages[1].Content;
        Assert.Equal(SmtpBodyType.EightBitMime, messages[1].Envelope.BodyType);
        Assert.EndsWith(Encoding.UTF8.GetString(ClientScenarios.EightBitMessage).Split("\r\n\r\n")[1], Encoding.UTF8.GetString(second), StringComparison.Ordinal);
        recording.SaveIfRecording(transcript, Recorded, $"Scenario: ClientScenarios.PipelinedTransactionsAsync, UseChunking = {chunking}");
    }

    [RequiresFact("postfix=postfix")]
    public async Task Postfix_delivers_to_our_lmtp_server_and_honours_per_recipient_replies()
    {
        var receiver = new RecordingReceiver
        {
            LmtpPolicy = e => e.Recipients.Select(r => r.LocalPart == "full" ? SmtpDecision.Reject(552, "5.2.2", "Mailbox full") : SmtpDecision.Accepted).ToArray(),
        };
        await using var server = await TestServer.StartAsync(receiver, SmtpProtocol.Lmtp);
        await using var postfix = await PostfixInstance.StartAsync($"lmtp:inet:127.0.0.1:{server.EndPoint.Port}");
        await using var client = new SmtpClient(ClientScenarios.Options());
        await client.ConnectAsync("127.0.0.1", postfix.Port);
        var result = await client.SendAsync(TestMessages.Envelope("one@test.example", "full@test.example", "two@test.example"), TestMessages.Simple("lmtp via postfix"));
        Assert.True(result.AllAccepted);
        await client.QuitAsync();

        // Postfix read one reply per recipient: the refused one bounced, the others were sent.
        await postfix.WaitForLogLineAsync("to=<full@test.example>", "status=bounced", "Mailbox full");
        await postfix.WaitForLogLineAsync("to=<one@test.example>", "status=sent");
        await postfix.WaitForLogLineAsync("to=<two@test.example>", "status=sent");

        // The post reached us once, over LMTP, from Postfix, with all three recipients; and since
        // Postfix sends everything to us, its bounce for the refused recipient comes to the sender here.
        await receiver.WaitForMessagesAsync(2);
        var messages = receiver.Messages;
        Assert.All(messages, message => Assert.Equal((SmtpProtocol.Lmtp, "postfix.test.example"), (message.Session.Protocol, message.Session.HeloName)));
        var bounce = Assert.Single(messages, m => m.Envelope.Recipients.Any(r => r.Address == "alice@sender.example"));
        var post = Assert.Single(messages, m => m != bounce);
        Assert.Equal(["full@test.example", "one@test.example", "two@test.example"], post.Envelope.Recipients.Select(r => r.Address).Order(StringComparer.Ordinal));
        Assert.Contains("Subject: lmtp via postfix", Encoding.UTF8.GetString(post.Content), StringComparison.Ordinal);
        Assert.Equal("alice@sender.example", Assert.Single(bounce.Envelope.Recipients).Address);
        Assert.Contains("Mailbox full", Encoding.UTF8.GetString(bounce.Content), StringComparison.Ordinal);
    }

    [RequiresFact("postfix=postfix")]
    public async Task Starttls_on_both_hops()
    {
        var postfixCertificate = SmtpServerCertificates.CreateSelfSigned("localhost");
        await using var server = await TestServer.StartAsync(configure: o => o.Certificate = SmtpServerCertificates.CreateSelfSigned("mx.test.example"));
        await using var postfix = await PostfixInstance.StartAsync($"smtp:[127.0.0.1]:{server.EndPoint.Port}", postfixCertificate, tlsToNextHop: true);
        await using var client = new SmtpClient(ClientScenarios.Options(o =>
        {
            o.StartTls = SmtpStartTlsPolicy.Required;
            o.CertificateValidation = (_, cert, _, _) => cert is not null && cert.GetCertHashString() == postfixCertificate.GetCertHashString();
        }));
        await client.ConnectAsync("localhost", postfix.Port);
        Assert.True(client.IsSecure);
        Assert.True((await client.SendAsync(TestMessages.Envelope("bob@test.example"), TestMessages.Simple("tls twice"))).AllAccepted);
        await client.QuitAsync();

        await server.Receiver.WaitForMessagesAsync(1);
        var message = Assert.Single(server.Receiver.Messages);
        Assert.True(message.Session.IsSecure, postfix.Log);
    }

    [RequiresFact("postfix=postfix")]
    public async Task The_pool_sends_many_messages_over_few_connections()
    {
        await using var server = await TestServer.StartAsync();
        await using var postfix = await PostfixInstance.StartAsync($"smtp:[127.0.0.1]:{server.EndPoint.Port}");
        var options = SmtpConnectionPoolOptions.Default.Clone();
        options.ClientOptions = ClientScenarios.Options();
        options.MaxConnectionsPerDestination = 3;
        await using var pool = new SmtpConnectionPool(options);
        var destination = new SmtpDestination("127.0.0.1", postfix.Port, SmtpStartTlsPolicy.None);
        var sends = Enumerable.Range(0, 30).Select(i =>
            pool.SendAsync(destination, TestMessages.Envelope($"member{i}@test.example"), TestMessages.Simple($"copy {i}")));
        var results = await Task.WhenAll(sends).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.All(results, r => Assert.True(r.AllAccepted));
        Assert.InRange(pool.OpenConnections, 1, 3);
        await server.Receiver.WaitForMessagesAsync(30);
        Assert.Equal(30, server.Receiver.Messages.Select(m => m.Envelope.Recipients[0].Address).Distinct().Count());
    }
}
