using System.Text;
using TldOps.Mail.Smtp;
using TldOps.Mail.Smtp.Client;
using TldOps.Mail.Smtp.Sink;
using TldOps.Mail.Tests.Smtp.Support;

namespace TldOps.Mail.Tests.Smtp;

/// <summary>
/// The client's per-connection deadline: one timer moved for every read and write, the caller's
/// token joined once. The clock is manual, so nothing waits for real time.
/// </summary>
public sealed class IoDeadlineTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public void The_token_fires_when_the_time_is_up_and_says_it_timed_out()
    {
        var clock = new ManualTimeProvider();
        using var deadline = new IoDeadline(clock);
        var token = deadline.Arm(Timeout, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.False(token.IsCancellationRequested);
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.True(token.IsCancellationRequested);
        Assert.True(deadline.TimedOut);
    }

    [Fact]
    public void Arming_again_moves_the_deadline()
    {
        var clock = new ManualTimeProvider();
        using var deadline = new IoDeadline(clock);
        var token = deadline.Arm(Timeout, CancellationToken.None);
        for (var i = 0; i < 5; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(8));
            token = deadline.Arm(Timeout, CancellationToken.None);
        }

        // Forty seconds have passed, but never ten since the last arming.
        Assert.False(token.IsCancellationRequested);
        Assert.False(deadline.TimedOut);
    }

    [Fact]
    public void A_deadline_that_fired_while_idle_gives_a_fresh_token_next_time()
    {
        var clock = new ManualTimeProvider();
        using var deadline = new IoDeadline(clock);
        var first = deadline.Arm(Timeout, CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.True(first.IsCancellationRequested);

        var next = deadline.Arm(Timeout, CancellationToken.None);
        Assert.False(next.IsCancellationRequested);
        Assert.False(deadline.TimedOut);
        clock.Advance(TimeSpan.FromSeconds(11));
        Assert.True(next.IsCancellationRequested);
    }

    [Fact]
    public void The_callers_cancellation_fires_the_token_and_is_not_a_timeout()
    {
        var clock = new ManualTimeProvider();
        using var deadline = new IoDeadline(clock);
        using var caller = new CancellationTokenSource();
        var token = deadline.Arm(Timeout, caller.Token);
        caller.Cancel();
        Assert.True(token.IsCancellationRequested);
        Assert.False(deadline.TimedOut);
        Assert.Throws<OperationCanceledException>(() => deadline.Arm(Timeout, caller.Token));
    }

    [Fact]
    public void A_new_callers_token_replaces_the_old_one()
    {
        var clock = new ManualTimeProvider();
        using var deadline = new IoDeadline(clock);
        using var first = new CancellationTokenSource();
        using var second = new CancellationTokenSource();
        deadline.Arm(Timeout, first.Token);
        var token = deadline.Arm(Timeout, second.Token);

        // The first caller is done with this connection: its cancellation no longer reaches it.
        first.Cancel();
        Assert.False(token.IsCancellationRequested);
        second.Cancel();
        Assert.True(token.IsCancellationRequested);
    }

    [Fact]
    public async Task A_connection_idle_past_the_command_timeout_still_sends()
    {
        var clock = new ManualTimeProvider();
        await using var sink = new SmtpSink(new SmtpSinkOptions { KeepInMemory = true });
        await sink.StartAsync();
        var options = SmtpClientServerTests.ClientOptions();
        options.CommandTimeout = Timeout;
        await using var client = new SmtpClient(options, timeProvider: clock);
        await client.ConnectAsync("127.0.0.1", sink.EndPoint.Port);
        using var caller = new CancellationTokenSource();
        await client.SendAsync(TestMessages.Envelope("a@test.example"), TestMessages.Simple(), caller.Token);

        // Every timer the first send armed falls due while the connection sits in a pool.
        clock.Advance(TimeSpan.FromMinutes(30));
        await client.SendAsync(TestMessages.Envelope("b@test.example"), Encoding.ASCII.GetBytes("Subject: again\r\n\r\nx\r\n"), caller.Token);

        Assert.Equal(2, sink.Messages.Count);
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task A_caller_that_cancelled_while_the_connection_was_idle_sends_nothing_more()
    {
        var clock = new ManualTimeProvider();
        await using var sink = new SmtpSink(new SmtpSinkOptions { KeepInMemory = true });
        await sink.StartAsync();
        await using var client = new SmtpClient(SmtpClientServerTests.ClientOptions(), timeProvider: clock);
        await client.ConnectAsync("127.0.0.1", sink.EndPoint.Port);
        using var caller = new CancellationTokenSource();
        await client.SendAsync(TestMessages.Envelope("a@test.example"), TestMessages.Simple(), caller.Token);

        await caller.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            client.SendAsync(TestMessages.Envelope("b@test.example"), TestMessages.Simple(), caller.Token));
        Assert.Single(sink.Messages);
        Assert.False(client.IsConnected);
    }
}
