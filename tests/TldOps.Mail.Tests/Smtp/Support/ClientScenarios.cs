using System.Net.Sockets;
using System.Text;
using TldOps.Mail.Smtp;
using TldOps.Mail.Smtp.Client;

namespace TldOps.Mail.Tests.Smtp.Support;

/// <summary>
/// Conversations our client has with real servers (aiosmtpd, Postfix). Each runs twice: live,
/// recorded through a <see cref="RecordingStream"/>, and replayed from the stored transcript
/// through an <see cref="SmtpReplayStream"/>, with the same assertions both times.
/// </summary>
internal static class ClientScenarios
{
    /// <summary>Bare LF line ends, a dot-led line, no final line end: the client must fix all three.</summary>
    public static readonly byte[] Message = Encoding.ASCII.GetBytes(
        "From: alice@sender.example\nTo: bob@test.example\nSubject: transcript\nMessage-ID: <transcript-1@sender.example>\n\n.a line that starts with a dot\nlast line");

    public static readonly byte[] EightBitMessage = Encoding.UTF8.GetBytes(
        "From: alice@sender.example\r\nTo: bob@test.example\r\nSubject: =?UTF-8?Q?8bit?=\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nGrüße aus Zürich.\r\n");

    public static string NormalizedMessage => TestMessages.Normalized(Encoding.ASCII.GetString(Message));

    public static SmtpClientOptions Options(Action<SmtpClientOptions>? configure = null)
    {
        var options = SmtpClientOptions.Default.Clone();
        options.LocalDomain = "client.test.example";
        options.StartTls = SmtpStartTlsPolicy.None;
        configure?.Invoke(options);
        return options.Freeze();
    }

    /// <summary>Connects through a recorder to a live server.</summary>
    public static async Task<RecordingStream> ConnectRecordingAsync(SmtpClient client, int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await socket.ConnectAsync(System.Net.IPAddress.Loopback, port, cts.Token);
        var recording = new RecordingStream(new NetworkStream(socket, ownsSocket: true));
        await client.ConnectAsync(recording, "127.0.0.1");
        return recording;
    }

    /// <summary>Three recipients, the middle one refused at RCPT.</summary>
    public static async Task RefusedRecipientAsync(SmtpClient client)
    {
        var result = await client.SendAsync(TestMessages.Envelope("bob@test.example", "gone@test.example", "carol@test.example"), Message);
        Assert.Equal([SmtpRecipientStatus.Accepted, SmtpRecipientStatus.PermanentFailure, SmtpRecipientStatus.Accepted], result.Recipients.Select(r => r.Status));
        Assert.Equal(550, result.Recipients[1].Reply.Code);
        Assert.Equal(SmtpStep.RcptTo, result.Recipients[1].Step);
        Assert.Equal(SmtpStep.DataEnd, result.Recipients[0].Step);
        await client.QuitAsync();
    }

    /// <summary>MAIL FROM refused: a command exception naming the sender; the connection goes on.</summary>
    public static async Task MailRefusedAsync(SmtpClient client)
    {
        var blocked = new SmtpEnvelope(SmtpAddress.Parse("blocked@sender.example"), [SmtpAddress.Parse("bob@test.example")]);
        var refused = await Assert.ThrowsAsync<SmtpCommandException>(() => client.SendAsync(blocked, Message));
        Assert.Equal(SmtpStep.MailFrom, refused.Step);
        Assert.Equal(550, refused.Code);
        Assert.Equal("blocked@sender.example", refused.Mailbox?.Address);
        Assert.False(refused.IsTransient);
        Assert.True((await client.SendAsync(TestMessages.Envelope("bob@test.example"), Message)).AllAccepted);
        await client.QuitAsync();
    }

    /// <summary>A server without SMTPUTF8: the UTF-8 recipient fails locally, the 8-bit body goes as 8BITMIME.</summary>
    public static async Task WithoutSmtpUtf8Async(SmtpClient client)
    {
        Assert.False(client.Capabilities.SmtpUtf8);
        var envelope = new SmtpEnvelope(SmtpAddress.Parse("alice@sender.example"), [SmtpAddress.Parse("bob@test.example"), SmtpAddress.Parse("δοκιμή@παράδειγμα.example")]);
        var result = await client.SendAsync(envelope, EightBitMessage);
        Assert.Equal(SmtpRecipientStatus.Accepted, result.Recipients[0].Status);
        Assert.Equal(SmtpRecipientStatus.PermanentFailure, result.Recipients[1].Status);
        Assert.Equal(SmtpStep.CapabilityCheck, result.Recipients[1].Step);
        Assert.Equal(new SmtpEnhancedStatusCode(5, 6, 7), result.Recipients[1].Reply.EnhancedStatus);

        var utf8Sender = new SmtpEnvelope(SmtpAddress.Parse("jörg@bücher.example"), [SmtpAddress.Parse("bob@test.example")]);
        var refused = await Assert.ThrowsAsync<SmtpCommandException>(() => client.SendAsync(utf8Sender, EightBitMessage));
        Assert.Equal(SmtpStep.CapabilityCheck, refused.Step);
        await client.QuitAsync();
    }

    /// <summary>One message after authenticating (the AUTH exchange happened in ConnectAsync).</summary>
    public static async Task AuthenticatedSendAsync(SmtpClient client)
    {
        Assert.True(client.IsAuthenticated);
        Assert.True((await client.SendAsync(TestMessages.Envelope("bob@test.example"), Message)).AllAccepted);
        await client.QuitAsync();
    }

    /// <summary>
    /// Several transactions on one pipelining connection: a refused recipient, a transaction
    /// whose only recipient is refused (so the next needs RSET), and a clean one.
    /// </summary>
    public static async Task PipelinedTransactionsAsync(SmtpClient client)
    {
        Assert.True(client.Capabilities.Pipelining);
        var first = await client.SendAsync(TestMessages.Envelope("bob@test.example", "rejected@test.example"), Message);
        Assert.Equal([SmtpRecipientStatus.Accepted, SmtpRecipientStatus.PermanentFailure], first.Recipients.Select(r => r.Status));
        Assert.Equal(new SmtpEnhancedStatusCode(5, 7, 1), first.Recipients[1].Reply.EnhancedStatus);

        var none = await client.SendAsync(TestMessages.Envelope("rejected@test.example"), Message);
        Assert.False(none.AllAccepted);

        var clean = await client.SendAsync(TestMessages.Envelope("carol@test.example", "dave@test.example"), EightBitMessage);
        Assert.True(clean.AllAccepted);
        Assert.Equal(2, client.TransactionCount);
        await client.QuitAsync();
    }

    /// <summary>Runs a scenario against a stored transcript and checks it was played to the end.</summary>
    public static async Task ReplayAsync(string transcript, SmtpClientOptions options, Func<SmtpClient, Task> scenario)
    {
        var replay = new SmtpReplayStream(Transcript.Load(transcript));
        await using var client = new SmtpClient(options);
        await client.ConnectAsync(replay, "127.0.0.1");
        await scenario(client);
        Assert.True(replay.IsComplete, $"Transcript {transcript} not played to the end; client still owes: {replay.Pending()}");
    }
}
