using System.Text;
using TldOps.Mail.Smtp;
using TldOps.Mail.Smtp.Client;
using TldOps.Mail.Tests.Smtp.Support;

namespace TldOps.Mail.Tests.Smtp;

/// <summary>Connections that break at awkward moments, and replies over the client's limits.</summary>
public sealed class SmtpClientFailureTests
{
    [Fact]
    public async Task A_pooled_connection_that_dies_on_reuse_is_replaced_once()
    {
        // Connection 1 serves one message, then drops when the next transaction starts (the
        // server had timed it out, but the socket still looked alive when it was taken).
        await using var peer = new ScriptedSmtpPeer((connection, transaction) =>
            connection == 1 && transaction == 2 ? ScriptedSmtpPeer.DropPoint.BeforeReplyingToTheFirstCommand : ScriptedSmtpPeer.DropPoint.Never);
        await using var pool = new SmtpConnectionPool(PoolOptions());
        var destination = new SmtpDestination("127.0.0.1", peer.Port, SmtpStartTlsPolicy.None);

        Assert.True((await pool.SendAsync(destination, TestMessages.Envelope("a@test.example"), TestMessages.Simple("one"))).AllAccepted);
        Assert.True((await pool.SendAsync(destination, TestMessages.Envelope("b@test.example"), TestMessages.Simple("two"))).AllAccepted);

        Assert.Equal(2, peer.Accepted);
        Assert.Equal(2, peer.Delivered);
    }

    [Fact]
    public async Task A_connection_lost_after_the_content_is_not_resent()
    {
        // The server may have taken the message before the connection broke: resending could
        // deliver it twice (RFC 1047), so the failure goes to the caller.
        await using var peer = new ScriptedSmtpPeer((connection, transaction) =>
            connection == 1 && transaction == 2 ? ScriptedSmtpPeer.DropPoint.AfterTheContentWithoutReplying : ScriptedSmtpPeer.DropPoint.Never);
        await using var pool = new SmtpConnectionPool(PoolOptions());
        var destination = new SmtpDestination("127.0.0.1", peer.Port, SmtpStartTlsPolicy.None);
        await pool.SendAsync(destination, TestMessages.Envelope("a@test.example"), TestMessages.Simple("one"));

        var failure = await Assert.ThrowsAsync<SmtpProtocolException>(() =>
            pool.SendAsync(destination, TestMessages.Envelope("b@test.example"), TestMessages.Simple("two")));

        Assert.Equal(SmtpProtocolError.ConnectionLost, failure.Error);
        Assert.Equal(SmtpStep.DataEnd, failure.Step);
        Assert.Equal(1, peer.Accepted);
        Assert.Equal(0, pool.OpenConnections);
    }

    [Fact]
    public async Task Plaintext_after_the_starttls_reply_is_refused()
    {
        var replay = new SmtpReplayStream(
        [
            Server("220 tls.test.example ESMTP\r\n"),
            Client("EHLO client.test.example\r\n"),
            Server("250-tls.test.example\r\n250 STARTTLS\r\n"),
            Client("STARTTLS\r\n"),
            Server("220 2.0.0 Ready\r\n250-injected.test.example\r\n250 AUTH PLAIN\r\n"),
        ]);
        await using var client = new SmtpClient(ClientScenarios.Options(o => o.StartTls = SmtpStartTlsPolicy.Required));
        var failure = await Assert.ThrowsAsync<SmtpProtocolException>(() => client.ConnectAsync(replay, "tls.test.example"));
        Assert.Equal(SmtpStep.StartTls, failure.Step);
        Assert.Equal(SmtpProtocolError.MalformedReply, failure.Error);
        Assert.False(client.IsConnected);
    }

    [Theory]
    [InlineData(5000, 1)]
    [InlineData(10, 101)]
    public async Task Replies_beyond_the_limits_break_the_connection(int lineLength, int lines)
    {
        var reply = new StringBuilder();
        for (var i = 0; i < lines; i++)
        {
            reply.Append(i == lines - 1 ? "220 " : "220-").Append('x', lineLength).Append("\r\n");
        }

        var replay = new SmtpReplayStream([Server(reply.ToString())]);
        await using var client = new SmtpClient(ClientScenarios.Options());
        var failure = await Assert.ThrowsAsync<SmtpProtocolException>(() => client.ConnectAsync(replay, "big.test.example"));
        Assert.Equal(SmtpProtocolError.MalformedReply, failure.Error);
        Assert.Equal(SmtpStep.Greeting, failure.Step);
    }

    [Fact]
    public async Task A_554_greeting_is_a_refusal()
    {
        var replay = new SmtpReplayStream([Server("554 5.7.1 No service for you\r\n")]);
        await using var client = new SmtpClient(ClientScenarios.Options());
        var refused = await Assert.ThrowsAsync<SmtpCommandException>(() => client.ConnectAsync(replay, "no.test.example"));
        Assert.Equal(SmtpStep.Greeting, refused.Step);
        Assert.False(refused.IsTransient);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task Client_options_are_frozen_by_default_and_validated()
    {
        Assert.Throws<InvalidOperationException>(() => SmtpClientOptions.Default.UsePipelining = false);
        var options = SmtpClientOptions.Default.Clone();
        Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxReplyLines = 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.CommandTimeout = TimeSpan.Zero);
        await using var client = new SmtpClient(options);
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.SendAsync(TestMessages.Envelope("a@test.example"), TestMessages.Simple()));
        await Assert.ThrowsAsync<ArgumentException>(() => client.SendAsync(new SmtpEnvelope(SmtpAddress.NullReversePath, []), TestMessages.Simple()));
    }

    private static TranscriptRecord Server(string text) => new(false, Encoding.ASCII.GetBytes(text));

    private static TranscriptRecord Client(string text) => new(true, Encoding.ASCII.GetBytes(text));

    private static SmtpConnectionPoolOptions PoolOptions()
    {
        var options = SmtpConnectionPoolOptions.Default.Clone();
        options.MaxConnectionsPerDestination = 1;
        options.ClientOptions = ClientScenarios.Options();
        return options;
    }
}
