using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using TldOps.Mail.Smtp;
using TldOps.Mail.Smtp.Client;
using TldOps.Mail.Smtp.Server;
using TldOps.Mail.Smtp.Sink;
using TldOps.Mail.Tests.Smtp.Support;
using TldOps.Testing;

namespace TldOps.Mail.Tests.Smtp;

/// <summary>Certificates, several endpoints, the sink's files and the content's lifetime.</summary>
public sealed class SmtpServerSetupTests
{
    [Fact]
    public async Task Certificates_load_from_pem_and_pkcs12_files_and_serve_starttls()
    {
        using var temp = new TempDirectory("smtp-certs");
        var original = SmtpServerCertificates.CreateSelfSigned("localhost");
        await File.WriteAllTextAsync(temp.Combine("cert.pem"), original.ExportCertificatePem());
        await File.WriteAllTextAsync(temp.Combine("key.pem"), original.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        await File.WriteAllBytesAsync(temp.Combine("cert.pfx"), original.Export(X509ContentType.Pfx, "pfx password"));

        var fromPem = SmtpServerCertificates.Load(temp.Combine("cert.pem"), temp.Combine("key.pem"));
        var fromPfx = SmtpServerCertificates.Load(temp.Combine("cert.pfx"), password: "pfx password");
        Assert.True(fromPem.HasPrivateKey);
        Assert.True(fromPfx.HasPrivateKey);
        Assert.Equal(original.Thumbprint, fromPem.Thumbprint);
        Assert.Equal(original.Thumbprint, fromPfx.Thumbprint);
        Assert.Throws<CryptographicException>(() => SmtpServerCertificates.Load(temp.Combine("cert.pfx"), password: "wrong"));

        await using var server = await TestServer.StartAsync(configure: o => o.Certificate = fromPem);
        var options = SmtpClientServerTests.ClientOptions();
        options.StartTls = SmtpStartTlsPolicy.Required;
        options.CertificateValidation = (_, cert, _, _) => cert?.GetCertHashString() == original.GetCertHashString();
        await using var client = new SmtpClient(options);
        await client.ConnectAsync("localhost", server.EndPoint.Port);
        Assert.True(client.IsSecure);
    }

    [Fact]
    public async Task One_server_listens_on_smtp_and_lmtp_endpoints_at_once()
    {
        var receiver = new RecordingReceiver();
        var options = new SmtpServerOptions { ServerName = "both.test.example" };
        options.Endpoints.Add(SmtpEndpoint.Loopback(SmtpProtocol.Smtp));
        options.Endpoints.Add(SmtpEndpoint.Loopback(SmtpProtocol.Lmtp));
        await using var server = new SmtpServer(options, receiver);
        await server.StartAsync();
        Assert.Equal([SmtpProtocol.Smtp, SmtpProtocol.Lmtp], server.BoundEndpoints.Select(e => e.Protocol));
        foreach (var endpoint in server.BoundEndpoints)
        {
            var clientOptions = SmtpClientServerTests.ClientOptions();
            clientOptions.Protocol = endpoint.Protocol;
            await using var client = new SmtpClient(clientOptions);
            await client.ConnectAsync("127.0.0.1", endpoint.EndPoint.Port);
            Assert.True((await client.SendAsync(TestMessages.Envelope("b@test.example"), TestMessages.Simple())).AllAccepted);
        }

        Assert.Equal([SmtpProtocol.Smtp, SmtpProtocol.Lmtp], receiver.Messages.Select(m => m.Session.Protocol));
        Assert.NotEqual(receiver.Messages[0].Session.SessionId, receiver.Messages[1].Session.SessionId);
    }

    [Fact]
    public async Task Content_cannot_be_used_after_the_receiver_returns()
    {
        SmtpMessageContent? kept = null;
        var receiver = new KeepingReceiver(c => kept = c);
        var options = new SmtpServerOptions();
        options.Endpoints.Add(SmtpEndpoint.Loopback());
        await using var server = new SmtpServer(options, receiver);
        await server.StartAsync();
        await using var client = new SmtpClient(SmtpClientServerTests.ClientOptions());
        await client.ConnectAsync("127.0.0.1", server.BoundEndpoints[0].EndPoint.Port);
        await client.SendAsync(TestMessages.Envelope("b@test.example"), TestMessages.Simple());
        Assert.NotNull(kept);
        Assert.Throws<ObjectDisposedException>(() => kept!.OpenRead());
    }

    [Fact]
    public async Task The_sink_numbers_after_existing_files_and_writes_envelopes()
    {
        using var dir = new TempDirectory("sink");
        await File.WriteAllTextAsync(dir.Combine("00000041.eml"), "old");
        await using var sink = new SmtpSink(new SmtpSinkOptions { Directory = dir.Path, Protocol = SmtpProtocol.Lmtp });
        await sink.StartAsync();
        var options = SmtpClientServerTests.ClientOptions();
        options.Protocol = SmtpProtocol.Lmtp;
        await using var client = new SmtpClient(options);
        await client.ConnectAsync("127.0.0.1", sink.EndPoint.Port);
        var waiting = sink.WaitForMessagesAsync(2);
        Assert.False(waiting.IsCompleted);
        await client.SendAsync(TestMessages.Envelope("a@test.example", "b@test.example"), Encoding.ASCII.GetBytes("Subject: one\r\n\r\n1\r\n"));
        await client.SendAsync(new SmtpEnvelope(SmtpAddress.NullReversePath, [SmtpAddress.Parse("c@test.example")]), Encoding.ASCII.GetBytes("Subject: two\r\n\r\n2\r\n"));
        await waiting.WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(2, sink.MessageCount);
        Assert.Empty(sink.Messages);
        Assert.Equal("Subject: two\r\n\r\n2\r\n", await File.ReadAllTextAsync(dir.Combine("00000043.eml")));
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(dir.Combine("00000042.json")));
        Assert.Equal(["a@test.example", "b@test.example"], json.RootElement.GetProperty("to").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("lmtp", json.RootElement.GetProperty("protocol").GetString());
        Assert.Equal(19, json.RootElement.GetProperty("size").GetInt64());
        using var second = JsonDocument.Parse(await File.ReadAllTextAsync(dir.Combine("00000043.json")));
        Assert.Equal(string.Empty, second.RootElement.GetProperty("from").GetString());
    }

    private sealed class KeepingReceiver(Action<SmtpMessageContent> keep) : ISmtpMessageReceiver
    {
        public ValueTask<SmtpDecision> OnRecipientAsync(SmtpSessionInfo session, SmtpEnvelope envelope, SmtpAddress recipient, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(SmtpDecision.Accepted);

        public ValueTask<SmtpDecision> OnMessageAsync(SmtpSessionInfo session, SmtpEnvelope envelope, SmtpMessageContent content, CancellationToken cancellationToken = default)
        {
            keep(content);
            return ValueTask.FromResult(SmtpDecision.Accept("kept"));
        }
    }
}
