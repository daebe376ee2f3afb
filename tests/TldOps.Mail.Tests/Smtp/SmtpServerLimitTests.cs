using System.Net.Sockets;
using TldOps.Mail.Smtp.Server;
using TldOps.Mail.Tests.Smtp.Support;

namespace TldOps.Mail.Tests.Smtp;

/// <summary>Timeouts, connection limits and shutdown; the clock is manual so nothing waits for real minutes.</summary>
public sealed class SmtpServerLimitTests
{
    [Fact]
    public async Task A_silent_client_is_told_421_and_disconnected_after_the_idle_timeout()
    {
        var clock = new ManualTimeProvider();
        await using var server = await TestServer.StartAsync(timeProvider: clock);
        await using var connection = await server.ConnectAndGreetAsync();
        var reply = await AdvanceUntilReplyAsync(clock, connection, SmtpServerLimits.Default.IdleTimeout);
        Assert.Equal(421, reply.Code);
        Assert.StartsWith("4.4.2", reply.Text, StringComparison.Ordinal);
        Assert.True(await connection.WaitForCloseAsync());
        await server.WaitForNoConnectionsAsync();
    }

    [Fact]
    public async Task A_client_that_keeps_the_session_busy_is_cut_off_at_the_session_limit()
    {
        var clock = new ManualTimeProvider();
        var limits = SmtpServerLimits.Default.Clone();
        limits.IdleTimeout = TimeSpan.FromSeconds(10);
        limits.MaxSessionDuration = TimeSpan.FromSeconds(60);
        await using var server = await TestServer.StartAsync(configure: o => o.Limits = limits, timeProvider: clock);
        await using var connection = await server.ConnectAndGreetAsync();
        var start = clock.GetUtcNow();

        // A command every 2 (manual) seconds never trips the idle timeout; reading each reply
        // keeps the test in step with the server.
        RawReply? reply = null;
        for (var i = 0; i < 100; i++)
        {
            reply = await connection.CommandAsync("NOOP");
            if (reply.Code != 250)
            {
                break;
            }

            clock.Advance(TimeSpan.FromSeconds(2));
        }

        Assert.Equal(421, reply!.Code);
        Assert.StartsWith("4.4.2", reply.Text, StringComparison.Ordinal);
        Assert.InRange(clock.GetUtcNow() - start, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(64));
        Assert.True(await connection.WaitForCloseAsync());
        await server.WaitForNoConnectionsAsync();
    }

    [Fact]
    public async Task A_tls_handshake_that_never_completes_is_dropped()
    {
        var clock = new ManualTimeProvider();
        await using var server = await TestServer.StartAsync(
            configure: o => o.Certificate = SmtpServerCertificates.CreateSelfSigned("mx.test.example"),
            timeProvider: clock);
        await using var connection = await server.ConnectAndGreetAsync();
        Assert.Equal(220, (await connection.CommandAsync("STARTTLS")).Code);

        // The start of a TLS record header, then silence.
        await connection.WriteAsync([0x16, 0x03, 0x01]);
        for (var i = 0; i < 100 && server.Server.ConnectionCount > 0; i++)
        {
            clock.Advance(SmtpServerLimits.Default.TlsHandshakeTimeout + TimeSpan.FromSeconds(1));
            if (await connection.WaitForCloseAsync(TimeSpan.FromMilliseconds(50)))
            {
                break;
            }
        }

        await server.WaitForNoConnectionsAsync();
        await using var next = await server.ConnectAndGreetAsync();
        Assert.Equal(250, (await next.CommandAsync("NOOP")).Code);
    }

    [Fact]
    public async Task Connections_beyond_the_limit_are_refused_with_421()
    {
        var limits = SmtpServerLimits.Default.Clone();
        limits.MaxConcurrentConnections = 2;
        await using var server = await TestServer.StartAsync(configure: o => o.Limits = limits);
        var first = await server.ConnectAndGreetAsync();
        await using var second = await server.ConnectAndGreetAsync();
        await using (var third = await server.ConnectAsync())
        {
            var refused = await third.ReadReplyAsync();
            Assert.Equal(421, refused.Code);
            Assert.StartsWith("4.3.2", refused.Text, StringComparison.Ordinal);
            Assert.True(await third.WaitForCloseAsync());
        }

        Assert.Equal(221, (await first.CommandAsync("QUIT")).Code);
        await first.DisposeAsync();
        await server.WaitForConnectionCountAsync(1);

        await using var fourth = await server.ConnectAndGreetAsync();
        Assert.Equal(250, (await fourth.CommandAsync("NOOP")).Code);
    }

    [Fact]
    public async Task Connections_per_ip_per_minute_are_limited()
    {
        var clock = new ManualTimeProvider();
        var limits = SmtpServerLimits.Default.Clone();
        limits.MaxConnectionsPerIpPerMinute = 3;
        await using var server = await TestServer.StartAsync(configure: o => o.Limits = limits, timeProvider: clock);
        for (var i = 0; i < 3; i++)
        {
            await using var ok = await server.ConnectAsync();
            Assert.Equal(220, (await ok.ReadReplyAsync()).Code);
        }

        await using (var refused = await server.ConnectAsync())
        {
            var reply = await refused.ReadReplyAsync();
            Assert.Equal(421, reply.Code);
            Assert.StartsWith("4.7.0", reply.Text, StringComparison.Ordinal);
        }

        clock.Advance(TimeSpan.FromSeconds(61));
        await using var later = await server.ConnectAsync();
        Assert.Equal(220, (await later.ReadReplyAsync()).Code);
    }

    [Fact]
    public async Task Graceful_stop_lets_the_transaction_finish_and_tells_idle_clients_421()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var receiver = new RecordingReceiver
        {
            BeforeDecision = async () =>
            {
                entered.TrySetResult();
                await release.Task;
            },
        };
        var server = await TestServer.StartAsync(receiver);
        await using var idle = await server.ConnectAndGreetAsync();
        await using var busy = await server.ConnectAndGreetAsync();
        await busy.WriteAsync("MAIL FROM:<a@test.example>\r\nRCPT TO:<b@test.example>\r\nDATA\r\n");
        Assert.Equal([250, 250, 354], (await busy.ReadRepliesAsync(3)).Select(r => r.Code));
        await busy.WriteAsync("Subject: in flight\r\n\r\n.\r\n");
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(15));

        var stopping = server.Server.StopAsync(TimeSpan.FromSeconds(30));
        var told = await idle.ReadReplyAsync();
        Assert.Equal(421, told.Code);
        Assert.StartsWith("4.3.2", told.Text, StringComparison.Ordinal);
        Assert.False(stopping.IsCompleted);

        release.SetResult();
        Assert.Equal(250, (await busy.ReadReplyAsync()).Code);
        Assert.Equal(421, (await busy.ReadReplyAsync()).Code);
        await stopping.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Single(receiver.Messages);
        Assert.Equal(0, server.Server.ConnectionCount);
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Stop_aborts_what_has_not_finished_by_the_deadline()
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
        var server = await TestServer.StartAsync(receiver);
        await using var busy = await server.ConnectAndGreetAsync();
        await busy.WriteAsync("MAIL FROM:<a@test.example>\r\nRCPT TO:<b@test.example>\r\nDATA\r\n");
        Assert.Equal([250, 250, 354], (await busy.ReadRepliesAsync(3)).Select(r => r.Code));
        await busy.WriteAsync("Subject: stuck\r\n\r\n.\r\n");
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(15));

        using var deadline = new CancellationTokenSource();
        var stopping = server.Server.StopAsync(TimeSpan.FromMinutes(5), deadline.Token);
        await deadline.CancelAsync();
        never.SetResult();
        await stopping.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.True(await busy.WaitForCloseAsync());
        Assert.Equal(0, server.Server.ConnectionCount);
        await server.DisposeAsync();
    }

    [Fact]
    public void Limits_defaults_are_frozen_and_clones_are_not()
    {
        Assert.True(SmtpServerLimits.Default.IsFrozen);
        Assert.Throws<InvalidOperationException>(() => SmtpServerLimits.Default.MaxMessageSize = 5000);
        var clone = SmtpServerLimits.Default.Clone();
        clone.MaxMessageSize = 5000;
        clone.MaxConnectionsPerIpPerMinute = null;
        Assert.Equal(5000, clone.MaxMessageSize);
        Assert.Equal(10_240_000, SmtpServerLimits.Default.MaxMessageSize);
        Assert.Throws<ArgumentOutOfRangeException>(() => clone.MaxRecipientsPerMessage = 99);
    }

    private static async Task<RawReply> AdvanceUntilReplyAsync(ManualTimeProvider clock, RawSmtpConnection connection, TimeSpan step)
    {
        // The server arms its deadline when it starts waiting, which may be just after we look;
        // so step the clock until the reply comes, a bounded number of times.
        for (var i = 0; i < 100; i++)
        {
            clock.Advance(step + TimeSpan.FromSeconds(1));
            if (connection.Socket.Poll(100_000, SelectMode.SelectRead))
            {
                return await connection.ReadReplyAsync();
            }
        }

        throw new TimeoutException("The server never timed the connection out.");
    }
}
