using System.Net;
using TldOps.Mail.Smtp;
using TldOps.Mail.Smtp.Client;
using TldOps.Mail.Tests.Smtp.Support;

namespace TldOps.Mail.Tests.Smtp;

/// <summary>
/// The client against conversations recorded from real servers (Transcripts/, made by the
/// aiosmtpd and Postfix tests with TLDOPS_RECORD_TRANSCRIPTS=1): every byte the client writes
/// must match what it wrote then, and it must reach the same conclusions from the same replies.
/// These run without any server installed.
/// </summary>
public sealed class SmtpClientReplayTests
{
    [Fact]
    public Task Aiosmtpd_refused_recipient() =>
        ClientScenarios.ReplayAsync("aiosmtpd-refused-recipient.txt", ClientScenarios.Options(), ClientScenarios.RefusedRecipientAsync);

    [Fact]
    public Task Aiosmtpd_refused_sender() =>
        ClientScenarios.ReplayAsync("aiosmtpd-mail-refused.txt", ClientScenarios.Options(), ClientScenarios.MailRefusedAsync);

    [Fact]
    public Task Aiosmtpd_without_smtputf8() =>
        ClientScenarios.ReplayAsync("aiosmtpd-no-smtputf8.txt", ClientScenarios.Options(), ClientScenarios.WithoutSmtpUtf8Async);

    [Fact]
    public Task Aiosmtpd_auth_plain() =>
        ClientScenarios.ReplayAsync("aiosmtpd-auth-plain.txt", AuthOptions(), ClientScenarios.AuthenticatedSendAsync);

    [Fact]
    public Task Aiosmtpd_auth_login() =>
        ClientScenarios.ReplayAsync("aiosmtpd-auth-login.txt", AuthOptions(), ClientScenarios.AuthenticatedSendAsync);

    [Fact]
    public Task Postfix_pipelined_with_bdat() =>
        ClientScenarios.ReplayAsync("postfix-pipelined-bdat.txt", ClientScenarios.Options(), ClientScenarios.PipelinedTransactionsAsync);

    [Fact]
    public Task Postfix_pipelined_with_data() =>
        ClientScenarios.ReplayAsync("postfix-pipelined-data.txt", ClientScenarios.Options(o => o.UseChunking = false), ClientScenarios.PipelinedTransactionsAsync);

    [Fact]
    public Task Helo_fallback_uses_no_extensions() =>
        ClientScenarios.ReplayAsync("handwritten-helo-fallback.txt", ClientScenarios.Options(), async client =>
        {
            Assert.False(client.Capabilities.IsExtended);
            var eightBit = await Assert.ThrowsAsync<SmtpCommandException>(() => client.SendAsync(TestMessages.Envelope("bob@test.example"), ClientScenarios.EightBitMessage));
            Assert.Equal(SmtpStep.CapabilityCheck, eightBit.Step);
            Assert.Equal(new SmtpEnhancedStatusCode(5, 6, 3), eightBit.EnhancedStatus);
            var result = await client.SendAsync(TestMessages.Envelope("bob@test.example"), ClientScenarios.Message);
            Assert.True(result.AllAccepted);
            Assert.Null(result.Recipients[0].Reply.EnhancedStatus);
            await client.QuitAsync();
        });

    [Fact]
    public Task A_421_in_the_middle_is_a_broken_connection() =>
        ClientScenarios.ReplayAsync("handwritten-421-after-mail.txt", ClientScenarios.Options(o => o.UseChunking = false), async client =>
        {
            var failure = await Assert.ThrowsAsync<SmtpProtocolException>(() => client.SendAsync(TestMessages.Envelope("bob@test.example"), ClientScenarios.Message));
            Assert.Equal(SmtpProtocolError.ServiceClosing, failure.Error);
            Assert.Equal(SmtpStep.MailFrom, failure.Step);
            Assert.True(failure.IsTransient);
            Assert.Equal(new SmtpEnhancedStatusCode(4, 3, 2), failure.Reply?.EnhancedStatus);
            Assert.False(client.IsConnected);
        });

    [Fact]
    public async Task A_malformed_reply_breaks_the_connection()
    {
        var replay = new SmtpReplayStream(Transcript.Load("handwritten-malformed-reply.txt"));
        await using var client = new SmtpClient(ClientScenarios.Options());
        var failure = await Assert.ThrowsAsync<SmtpProtocolException>(() => client.ConnectAsync(replay, "127.0.0.1"));
        Assert.Equal(SmtpProtocolError.MalformedReply, failure.Error);
        Assert.Equal(SmtpStep.Ehlo, failure.Step);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public Task Multi_line_replies_keep_their_lines_and_status() =>
        ClientScenarios.ReplayAsync("handwritten-multiline-enhanced.txt", ClientScenarios.Options(), async client =>
        {
            Assert.Equal(["strict.test.example ESMTP", "No UCE"], client.Greeting!.Lines);
            var refused = await client.SendAsync(TestMessages.Envelope("bob@test.example"), ClientScenarios.Message);
            var reply = Assert.Single(refused.Recipients).Reply;
            Assert.Equal(new SmtpEnhancedStatusCode(5, 7, 1), reply.EnhancedStatus);
            Assert.Equal(["Your address is listed at", "a block list we use.", "See https://blocklist.test.example/"], reply.Lines);

            var deferred = await Assert.ThrowsAsync<SmtpCommandException>(() => client.SendAsync(TestMessages.Envelope("carol@test.example"), ClientScenarios.Message));
            Assert.Equal(SmtpStep.DataEnd, deferred.Step);
            Assert.True(deferred.IsTransient);
            Assert.Equal("Temporary failure please try again", deferred.Reply.Text);
            await client.QuitAsync();
        });

    private static SmtpClientOptions AuthOptions() => ClientScenarios.Options(o =>
    {
        o.Credentials = new NetworkCredential("member", "s3cret pass");
        o.AllowAuthenticationWithoutTls = true;
    });
}
