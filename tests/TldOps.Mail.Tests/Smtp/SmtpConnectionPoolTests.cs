using System.Net.Sockets;
using TldOps.Mail.Smtp;
using TldOps.Mail.Smtp.Client;
using TldOps.Mail.Smtp.Server;
using TldOps.Mail.Tests.Smtp.Support;

namespace TldOps.Mail.Tests.Smtp;

public sealed class SmtpConnectionPoolTests
{
    [Fact]
    public async Task One_connection_carries_many_messages()
    {
        await using var server = await TestServer.StartAsync();
        await using var pool = new SmtpConnectionPool(PoolOptions(maxConnections: 1));
        var destination = new SmtpDestination("127.0.0.1", server.EndPoint.Port);
        for (var i = 0; i < 50; i++)
        {
            var result = await pool.SendAsync(destination, TestMessages.Envelope($"r{i}@test.example"), TestMessages.Simple($"m{i}"));
            Assert.True(result.AllAccepted);
        }

        Assert.Equal(50, server.Receiver.Messages.Count);
        Assert.Equal(1, server.Server.AcceptedConnections);
        Assert.Equal(1, pool.OpenConnections);
    }

    [Fact]
    public async Task Parallel_senders_share_a_bounded_number_of_connections()
    {
        await using var server = await TestServer.StartAsync();
        await using var pool = new SmtpConnectionPool(PoolOptions(maxConnections: 4));
        var destination = new SmtpDestination("127.0.0.1", server.EndPoint.Port);
        var senders = Enumerable.Range(0, 8).Select(s => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                var result = await pool.SendAsync(destination, TestMessages.Envelope($"s{s}m{i}@test.example"), TestMessages.Simple($"s{s}m{i}"));
                Assert.True(result.AllAccepted);
            }
        }));
        await Task.WhenAll(senders).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(200, server.Receiver.Messages.Count);
        Assert.InRange(server.Server.AcceptedConnections, 1, 4);
    }

    [Fact]
    public async Task Senders_waiting_for_a_connection_get_it_in_the_order_they_came()
    {
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await TestServer.StartAsync(new RecordingReceiver { BeforeDecision = () => held.Task });
        await using var pool = new SmtpConnectionPool(PoolOptions(maxConnections: 1));
        var destination = new SmtpDestination("127.0.0.1", server.EndPoint.Port);

        // The first takes the only connection and is held by the server; the others line up.
        var sends = Enumerable.Range(0, 4)
            .Select(i => pool.SendAsync(destination, TestMessages.Envelope($"r{i}@test.example"), TestMessages.Simple($"m{i}")))
            .ToList();
        Assert.All(sends, s => Assert.False(s.IsCompleted));
        held.SetResult();
        var results = await Task.WhenAll(sends).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.All(results, r => Assert.True(r.AllAccepted));
        Assert.Equal(["r0@test.example", "r1@test.example", "r2@test.example", "r3@test.example"],
            server.Receiver.Messages.Select(m => m.Envelope.Recipients[0].Address));
        Assert.Equal(1, server.Server.AcceptedConnections);
    }

    [Fact]
    public async Task A_sender_cancelled_while_waiting_for_a_connection_leaves_the_line_without_taking_it()
    {
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await TestServer.StartAsync(new RecordingReceiver { BeforeDecision = () => held.Task });
        await using var pool = new SmtpConnectionPool(PoolOptions(maxConnections: 1));
        var destination = new SmtpDestination("127.0.0.1", server.EndPoint.Port);
        var first = pool.SendAsync(destination, TestMessages.Envelope("first@test.example"), TestMessages.Simple("first"));
        using var cancel = new CancellationTokenSource();
        var cancelled = pool.SendAsync(destination, TestMessages.Envelope("cancelled@test.example"), TestMessages.Simple("cancelled"), cancel.Token);
        var last = pool.SendAsync(destination, TestMessages.Envelope("last@test.example"), TestMessages.Simple("last"));

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(last.IsCompleted);
        held.SetResult();
        await Task.WhenAll(first, last).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["first@test.example", "last@test.example"], server.Receiver.Messages.Select(m => m.Envelope.Recipients[0].Address));
        Assert.Equal(1, pool.OpenConnections);
    }

    [Fact]
    public async Task Connections_are_retired_after_the_message_limit_with_quit()
    {
        await using var server = await TestServer.StartAsync();
        var options = PoolOptions(maxConnections: 1);
        options.MaxMessagesPerConnection = 10;
        await using var pool = new SmtpConnectionPool(options);
        var destination = new SmtpDestination("127.0.0.1", server.EndPoint.Port);
        for (var i = 0; i < 25; i++)
        {
            await pool.SendAsync(destination, TestMessages.Envelope("b@test.example"), TestMessages.Simple($"m{i}"));
        }

        Assert.Equal(3, server.Server.AcceptedConnections);
        await pool.DisposeAsync();
        Assert.Equal(0, pool.OpenConnections);
        await server.WaitForNoConnectionsAsync();
    }

    [Fact]
    public async Task A_connection_the_helddropped_while_idle_is_replaced_transparently()
    {
        var serverClock = new ManualTimeProvider();
        await using var server = await TestServer.StartAsync(timeProvider: serverClock);
        await using var pool = new SmtpConnectionPool(PoolOptions(maxConnections: 1));
        var destination = new SmtpDestination("127.0.0.1", server.EndPoint.Port);
        await pool.SendAsync(destination, TestMessages.Envelope("b@test.example"), TestMessages.Simple("first"));

        // The server times the idle connection out; the pool does not know yet.
        for (var i = 0; i < 100; i++)
        {
            serverClock.Advance(SmtpServerLimits.Default.IdleTimeout + TimeSpan.FromSeconds(1));
            if (await server.TryWaitForConnectionCountAsync(0, TimeSpan.FromMilliseconds(100)))
            {
                break;
            }
        }

        Assert.Equal(0, server.Server.ConnectionCount);
        var result = await pool.SendAsync(destination, TestMessages.Envelope("b@test.example"), TestMessages.Simple("second"));
        Assert.True(result.AllAccepted);
        Assert.Equal(2, server.Server.AcceptedConnections);
        Assert.Equal(2, server.Receiver.Messages.Count);
    }

    [Fact]
    public async Task Idle_connections_expire_and_are_closed_politely()
    {
        var clock = new ManualTimeProvider();
        await using var server = await TestServer.StartAsync();
        await using var pool = new SmtpConnectionPool(PoolOptions(maxConnections: 2), timeProvider: clock);
        var destination = new SmtpDestination("127.0.0.1", server.EndPoint.Port);
        await pool.SendAsync(destination, TestMessages.Envelope("b@test.example"), TestMessages.Simple());
        Assert.Equal(1, pool.OpenConnections);

        clock.Advance(SmtpConnectionPoolOptions.Default.MaxIdleTime * 2);
        await server.WaitForConnectionCountAsync(0);
        await pool.SendAsync(destination, TestMessages.Envelope("b@test.example"), TestMessages.Simple());
        Assert.Equal(2, server.Server.AcceptedConnections);
    }

    [Fact]
    public async Task Refused_transactions_keep_the_connection_in_the_pool()
    {
        var receiver = new RecordingReceiver { RecipientPolicy = r => r.LocalPart == "gone" ? SmtpDecision.UnknownRecipient() : SmtpDecision.Accepted };
        await using var server = await TestServer.StartAsync(receiver);
        await using var pool = new SmtpConnectionPool(PoolOptions(maxConnections: 1));
        var destination = new SmtpDestination("127.0.0.1", server.EndPoint.Port);
        var refused = await pool.SendAsync(destination, TestMessages.Envelope("gone@test.example"), TestMessages.Simple());
        Assert.False(refused.AllAccepted);
        var accepted = await pool.SendAsync(destination, TestMessages.Envelope("here@test.example"), TestMessages.Simple());
        Assert.True(accepted.AllAccepted);
        Assert.Equal(1, server.Server.AcceptedConnections);
    }

    [Fact]
    public async Task A_destination_that_refuses_connections_fails_with_a_transient_protocol_exception()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var pool = new SmtpConnectionPool(PoolOptions(maxConnections: 1));
        var failure = await Assert.ThrowsAsync<SmtpProtocolException>(() =>
            pool.SendAsync(new SmtpDestination("127.0.0.1", port), TestMessages.Envelope("b@test.example"), TestMessages.Simple()));
        Assert.True(failure.IsTransient);
        Assert.Equal(0, pool.OpenConnections);
    }

    [Fact]
    public void Destination_equality_includes_credentials_but_printing_hides_the_password()
    {
        var a = new SmtpDestination("MX.example", 25, SmtpStartTlsPolicy.Required, new System.Net.NetworkCredential("u", "p1"));
        var b = new SmtpDestination("mx.example", 25, SmtpStartTlsPolicy.Required, new System.Net.NetworkCredential("u", "p1"));
        var c = new SmtpDestination("mx.example", 25, SmtpStartTlsPolicy.Required, new System.Net.NetworkCredential("u", "p2"));
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, c);
        Assert.DoesNotContain("p1", a.ToString(), StringComparison.Ordinal);
    }

    private static SmtpConnectionPoolOptions PoolOptions(int maxConnections)
    {
        var options = SmtpConnectionPoolOptions.Default.Clone();
        options.MaxConnectionsPerDestination = maxConnections;
        options.ClientOptions = SmtpClientServerTests.ClientOptions().Freeze();
        return options;
    }
}
