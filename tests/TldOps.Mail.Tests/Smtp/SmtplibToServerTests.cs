using System.Text;
using System.Text.Json;
using TldOps.Mail.Smtp;
using TldOps.Mail.Smtp.Server;
using TldOps.Mail.Tests.Smtp.Support;
using TldOps.Testing;

namespace TldOps.Mail.Tests.Smtp;

/// <summary>Python's smtplib, another independent client implementation, against our server.</summary>
public sealed class SmtplibToServerTests
{
    [RequiresFact("python3=python3")]
    public async Task Smtplib_sends_eight_bit_mail_and_reuses_the_connection()
    {
        await using var server = await TestServer.StartAsync();
        var json = await RunAsync(server, "esmtp");
        Assert.Equal(250, json.GetProperty("ehlo").GetInt32());
        var features = json.GetProperty("features").EnumerateArray().Select(f => f.GetString()).ToArray();
        Assert.Contains("pipelining", features);
        Assert.Contains("smtputf8", features);
        Assert.Contains("chunking", features);
        Assert.Empty(json.GetProperty("refused").EnumerateObject());
        Assert.Equal(250, json.GetProperty("noop").GetInt32());

        var messages = server.Receiver.Messages;
        Assert.Equal(2, messages.Count);
        Assert.Equal(SmtpBodyType.EightBitMime, messages[0].Envelope.BodyType);
        Assert.Equal("Subject: raw\r\n\r\nÜberweisung für Zoë\r\n", Encoding.UTF8.GetString(messages[0].Content));
        Assert.Contains("Subject: second on the same connection", Encoding.UTF8.GetString(messages[1].Content), StringComparison.Ordinal);
        Assert.Equal(1, server.Server.AcceptedConnections);
    }

    [RequiresFact("python3=python3")]
    public async Task Smtplib_starttls()
    {
        await using var server = await TestServer.StartAsync(configure: o => o.Certificate = SmtpServerCertificates.CreateSelfSigned("mx.test.example"));
        var json = await RunAsync(server, "starttls");
        Assert.False(string.IsNullOrEmpty(json.GetProperty("cipher").GetString()));
        Assert.True(Assert.Single(server.Receiver.Messages).Session.IsSecure);
    }

    [RequiresFact("python3=python3")]
    public async Task Smtplib_uses_smtputf8_for_international_addresses()
    {
        await using var server = await TestServer.StartAsync();
        await RunAsync(server, "smtputf8");
        var message = Assert.Single(server.Receiver.Messages);
        Assert.True(message.Envelope.SmtpUtf8);
        Assert.Equal("jörg@bücher.example", message.Envelope.From.Address);
        Assert.Equal("δοκιμή@παράδειγμα.example", message.Envelope.Recipients[0].Address);
    }

    [RequiresFact("python3=python3")]
    public async Task Smtplib_lmtp_sees_the_per_recipient_refusal()
    {
        var receiver = new RecordingReceiver
        {
            LmtpPolicy = e => e.Recipients.Select(r => r.LocalPart == "full" ? SmtpDecision.Reject(452, "4.2.2", "Over quota") : SmtpDecision.Accepted).ToArray(),
        };
        await using var server = await TestServer.StartAsync(receiver, SmtpProtocol.Lmtp);
        var json = await RunAsync(server, "lmtp");
        var replies = json.GetProperty("replies");
        Assert.Equal(250, replies.GetProperty("ok@test.example")[0].GetInt32());
        Assert.Equal(452, replies.GetProperty("full@test.example")[0].GetInt32());
        Assert.StartsWith("4.2.2", replies.GetProperty("full@test.example")[1].GetString(), StringComparison.Ordinal);
        Assert.Single(receiver.Messages);
    }

    [RequiresFact("python3=python3")]
    public async Task Smtplib_sees_refused_recipients()
    {
        var receiver = new RecordingReceiver { RecipientPolicy = r => r.LocalPart == "gone" ? SmtpDecision.UnknownRecipient() : SmtpDecision.Accepted };
        await using var server = await TestServer.StartAsync(receiver);
        var json = await RunAsync(server, "refused");
        Assert.Equal(550, json.GetProperty("partial").GetProperty("gone@test.example")[0].GetInt32());
        Assert.Contains("5.1.1", json.GetProperty("partial").GetProperty("gone@test.example")[1].GetString(), StringComparison.Ordinal);
        Assert.Equal(550, json.GetProperty("allRefused").GetProperty("gone@test.example").GetInt32());
        Assert.Equal(["ok@test.example"], Assert.Single(receiver.Messages).Envelope.Recipients.Select(r => r.Address));
    }

    [RequiresFact("python3=python3")]
    public async Task Smtplib_sending_bare_lf_bytes_is_refused_by_name()
    {
        await using var server = await TestServer.StartAsync();
        var json = await RunAsync(server, "barelf");
        var error = json.GetProperty("error");
        Assert.Equal(554, error[0].GetInt32());
        Assert.StartsWith("5.6.0", error[1].GetString(), StringComparison.Ordinal);
        Assert.Equal(250, json.GetProperty("noop").GetInt32());
        Assert.Empty(server.Receiver.Messages);
    }

    private static async Task<JsonElement> RunAsync(TestServer server, string mode)
    {
        var script = Path.Combine(SharedCorpus.RepositoryRoot, "tests", "TldOps.Mail.Tests", "Smtp", "Peers", "smtplib_client.py");
        var result = await ExternalProcess.RunAsync(
            RealComponent.Require("python3", "python3"),
            [script, "127.0.0.1", server.EndPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), mode],
            timeout: TimeSpan.FromSeconds(60),
            environment: new Dictionary<string, string> { ["PYTHONIOENCODING"] = "utf-8" });
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonDocument.Parse(result.Output).RootElement.Clone();
    }
}
