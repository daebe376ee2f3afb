using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using TldOps.Mail.Smtp;
using TldOps.Mail.Smtp.Client;
using TldOps.Mail.Smtp.Server;
using TldOps.Mail.Tests.Smtp.Support;
using TldOps.Testing;

namespace TldOps.Mail.Tests.Smtp;

/// <summary>Our client against Python's aiosmtpd, an independent server (no PIPELINING, no CHUNKING).</summary>
public sealed class AiosmtpdTests
{
    private const string Recorded = "aiosmtpd 1.4.3 (Debian python3-aiosmtpd) on loopback, driven by AiosmtpdTests";

    [RequiresPythonModuleFact("aiosmtpd", "python3-aiosmtpd")]
    public async Task Refused_recipient_and_exact_bytes()
    {
        await using var server = await AiosmtpdServer.StartAsync("--reject-rcpt", "gone");
        await using var client = new SmtpClient(ClientScenarios.Options());
        var recording = await ClientScenarios.ConnectRecordingAsync(client, server.Port);
        Assert.False(client.Capabilities.Pipelining);
        await ClientScenarios.RefusedRecipientAsync(client);

        var message = Assert.Single(await server.WaitForMessagesAsync(1));
        Assert.Equal("alice@sender.example", message.From);
        Assert.Equal(["bob@test.example", "carol@test.example"], message.To);
        Assert.Equal(ClientScenarios.NormalizedMessage, Encoding.ASCII.GetString(message.Data));
        recording.SaveIfRecording("aiosmtpd-refused-recipient.txt", Recorded, "Scenario: ClientScenarios.RefusedRecipientAsync");
    }

    [RequiresPythonModuleFact("aiosmtpd", "python3-aiosmtpd")]
    public async Task Refused_sender()
    {
        await using var server = await AiosmtpdServer.StartAsync("--reject-mail", "blocked");
        await using var client = new SmtpClient(ClientScenarios.Options());
        var recording = await ClientScenarios.ConnectRecordingAsync(client, server.Port);
        await ClientScenarios.MailRefusedAsync(client);
        Assert.Single(await server.WaitForMessagesAsync(1));
        recording.SaveIfRecording("aiosmtpd-mail-refused.txt", Recorded, "Scenario: ClientScenarios.MailRefusedAsync");
    }

    [RequiresPythonModuleFact("aiosmtpd", "python3-aiosmtpd")]
    public async Task Without_smtputf8_the_downgrade_rules_apply()
    {
        await using var server = await AiosmtpdServer.StartAsync();
        await using var client = new SmtpClient(ClientScenarios.Options());
        var recording = await ClientScenarios.ConnectRecordingAsync(client, server.Port);
        await ClientScenarios.WithoutSmtpUtf8Async(client);
        var message = Assert.Single(await server.WaitForMessagesAsync(1));
        Assert.Equal(["bob@test.example"], message.To);
        Assert.Contains("BODY=8BITMIME", message.Options);
        Assert.Equal(ClientScenarios.EightBitMessage, message.Data);
        recording.SaveIfRecording("aiosmtpd-no-smtputf8.txt", Recorded, "Scenario: ClientScenarios.WithoutSmtpUtf8Async");
    }

    [RequiresPythonModuleFact("aiosmtpd", "python3-aiosmtpd")]
    public async Task With_smtputf8_international_addresses_go_through()
    {
        await using var server = await AiosmtpdServer.StartAsync("--smtputf8");
        await using var client = new SmtpClient(ClientScenarios.Options());
        await client.ConnectAsync("127.0.0.1", server.Port);
        var envelope = new SmtpEnvelope(SmtpAddress.Parse("jörg@bücher.example"), [SmtpAddress.Parse("δοκιμή@παράδειγμα.example")]);
        Assert.True((await client.SendAsync(envelope, ClientScenarios.EightBitMessage)).AllAccepted);
        var message = Assert.Single(await server.WaitForMessagesAsync(1));
        Assert.Equal("jörg@bücher.example", message.From);
        Assert.Contains("SMTPUTF8", message.Options);
    }

    [RequiresPythonModuleFact("aiosmtpd", "python3-aiosmtpd")]
    public async Task Auth_plain()
    {
        await using var server = await AiosmtpdServer.StartAsync("--auth");
        await using var client = new SmtpClient(ClientScenarios.Options(o =>
        {
            o.Credentials = new NetworkCredential("member", "s3cret pass");
            o.AllowAuthenticationWithoutTls = true;
        }));
        var recording = await ClientScenarios.ConnectRecordingAsync(client, server.Port);
        await ClientScenarios.AuthenticatedSendAsync(client);
        Assert.True(Assert.Single(await server.WaitForMessagesAsync(1)).Authenticated);
        Assert.Contains(recording.Records, r => r.FromClient && Encoding.ASCII.GetString(r.Bytes).StartsWith("AUTH PLAIN ", StringComparison.Ordinal));
        recording.SaveIfRecording("aiosmtpd-auth-plain.txt", Recorded, "Scenario: ClientScenarios.AuthenticatedSendAsync, user 'member', password 's3cret pass'");
    }

    [RequiresPythonModuleFact("aiosmtpd", "python3-aiosmtpd")]
    public async Task Auth_login()
    {
        await using var server = await AiosmtpdServer.StartAsync("--auth", "--login-only");
        await using var client = new SmtpClient(ClientScenarios.Options(o =>
        {
            o.Credentials = new NetworkCredential("member", "s3cret pass");
            o.AllowAuthenticationWithoutTls = true;
        }));
        var recording = await ClientScenarios.ConnectRecordingAsync(client, server.Port);
        Assert.DoesNotContain("PLAIN", client.Capabilities.AuthMechanisms);
        await ClientScenarios.AuthenticatedSendAsync(client);
        Assert.True(Assert.Single(await server.WaitForMessagesAsync(1)).Authenticated);
        recording.SaveIfRecording("aiosmtpd-auth-login.txt", Recorded, "Scenario: ClientScenarios.AuthenticatedSendAsync, user 'member', password 's3cret pass', LOGIN only");
    }

    [RequiresPythonModuleFact("aiosmtpd", "python3-aiosmtpd")]
    public async Task A_wrong_password_is_a_command_exception()
    {
        await using var server = await AiosmtpdServer.StartAsync("--auth");
        await using var client = new SmtpClient(ClientScenarios.Options(o =>
        {
            o.Credentials = new NetworkCredential("member", "wrong");
            o.AllowAuthenticationWithoutTls = true;
        }));
        var refused = await Assert.ThrowsAsync<SmtpCommandException>(() => client.ConnectAsync("127.0.0.1", server.Port));
        Assert.Equal(SmtpStep.Auth, refused.Step);
        Assert.Equal(535, refused.Code);
        Assert.DoesNotContain("wrong", refused.Message, StringComparison.Ordinal);
        Assert.False(client.IsConnected);
    }

    [RequiresPythonModuleFact("aiosmtpd", "python3-aiosmtpd")]
    public async Task Its_size_limit_is_respected_before_sending()
    {
        await using var server = await AiosmtpdServer.StartAsync("--size", "1000");
        await using var client = new SmtpClient(ClientScenarios.Options());
        await client.ConnectAsync("127.0.0.1", server.Port);
        Assert.Equal(1000, client.Capabilities.MaxSize);
        var refused = await Assert.ThrowsAsync<SmtpCommandException>(() =>
            client.SendAsync(TestMessages.Envelope("bob@test.example"), TestMessages.Simple(body: new string('z', 2000))));
        Assert.Equal(SmtpStep.CapabilityCheck, refused.Step);
        Assert.True((await client.SendAsync(TestMessages.Envelope("bob@test.example"), TestMessages.Simple())).AllAccepted);
    }

    [RequiresPythonModuleFact("aiosmtpd", "python3-aiosmtpd")]
    public async Task Required_starttls_with_its_certificate()
    {
        using var temp = new TempDirectory("aiosmtpd-tls");
        var certificate = SmtpServerCertificates.CreateSelfSigned("localhost");
        await File.WriteAllTextAsync(temp.Combine("cert.pem"), certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(temp.Combine("key.pem"), certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        await using var server = await AiosmtpdServer.StartAsync("--tls", temp.Combine("cert.pem"), temp.Combine("key.pem"));
        await using var client = new SmtpClient(ClientScenarios.Options(o =>
        {
            o.StartTls = SmtpStartTlsPolicy.Required;
            o.CertificateValidation = (_, cert, _, _) => cert is not null && cert.GetCertHashString() == certificate.GetCertHashString();
        }));
        await client.ConnectAsync("localhost", server.Port);
        Assert.True(client.IsSecure);
        Assert.True((await client.SendAsync(TestMessages.Envelope("bob@test.example"), TestMessages.Simple())).AllAccepted);
        Assert.True(Assert.Single(await server.WaitForMessagesAsync(1)).Tls);
    }

    [RequiresPythonModuleFact("aiosmtpd", "python3-aiosmtpd")]
    public async Task The_pool_reuses_one_connection_with_rset_in_between()
    {
        await using var server = await AiosmtpdServer.StartAsync("--reject-rcpt", "gone");
        var options = SmtpConnectionPoolOptions.Default.Clone();
        options.ClientOptions = ClientScenarios.Options();
        options.MaxConnectionsPerDestination = 1;
        await using var pool = new SmtpConnectionPool(options);
        var destination = new SmtpDestination("127.0.0.1", server.Port, SmtpStartTlsPolicy.None);
        for (var i = 0; i < 5; i++)
        {
            var recipient = i == 2 ? "gone@test.example" : $"r{i}@test.example";
            await pool.SendAsync(destination, TestMessages.Envelope(recipient), TestMessages.Simple($"m{i}"));
        }

        Assert.Equal(4, (await server.WaitForMessagesAsync(4)).Count);
        Assert.Equal(1, server.Connections);
    }

    [RequiresPythonModuleFact("aiosmtpd", "python3-aiosmtpd")]
    public async Task Lmtp_one_result_per_recipient()
    {
        await using var server = await AiosmtpdServer.StartAsync("--lmtp", "--reject-rcpt", "gone");
        await using var client = new SmtpClient(ClientScenarios.Options(o => o.Protocol = SmtpProtocol.Lmtp));
        await client.ConnectAsync("127.0.0.1", server.Port);
        var result = await client.SendAsync(TestMessages.Envelope("a@test.example", "gone@test.example", "b@test.example"), TestMessages.Simple());
        Assert.Equal([SmtpRecipientStatus.Accepted, SmtpRecipientStatus.PermanentFailure, SmtpRecipientStatus.Accepted], result.Recipients.Select(r => r.Status));
        Assert.Contains("<b@test.example> delivered", result.Recipients[2].Reply.Text, StringComparison.Ordinal);
        Assert.Equal(["a@test.example", "b@test.example"], Assert.Single(await server.WaitForMessagesAsync(1)).To);
    }
}
