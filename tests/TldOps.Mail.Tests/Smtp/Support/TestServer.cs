using System.Net;
using TldOps.Mail.Smtp;
using TldOps.Mail.Smtp.Server;

namespace TldOps.Mail.Tests.Smtp.Support;

/// <summary>An <see cref="SmtpServer"/> on a loopback port for one test, stopped on dispose.</summary>
internal sealed class TestServer : IAsyncDisposable
{
    private TestServer(SmtpServer server, RecordingReceiver receiver)
    {
        Server = server;
        Receiver = receiver;
    }

    public SmtpServer Server { get; }

    public RecordingReceiver Receiver { get; }

    public IPEndPoint EndPoint => Server.BoundEndpoints[0].EndPoint;

    public static async Task<TestServer> StartAsync(
        RecordingReceiver? receiver = null,
        SmtpProtocol protocol = SmtpProtocol.Smtp,
        Action<SmtpServerOptions>? configure = null,
        TimeProvider? timeProvider = null)
    {
        receiver ??= new RecordingReceiver();
        var options = new SmtpServerOptions { ServerName = "mx.test.example" };
        options.Endpoints.Add(SmtpEndpoint.Loopback(protocol));
        configure?.Invoke(options);
        var server = new SmtpServer(options, receiver, timeProvider: timeProvider);
        await server.StartAsync();
        return new TestServer(server, receiver);
    }

    public Task<RawSmtpConnection> ConnectAsync() => RawSmtpConnection.ConnectAsync(EndPoint);

    /// <summary>Connects and consumes the greeting and an EHLO (or LHLO).</summary>
    public async Task<RawSmtpConnection> ConnectAndGreetAsync(string verb = "EHLO")
    {
        var connection = await ConnectAsync();
        var greeting = await connection.ReadReplyAsync();
        Assert.Equal(220, greeting.Code);
        var hello = await connection.CommandAsync($"{verb} client.test.example");
        Assert.Equal(250, hello.Code);
        return connection;
    }

    /// <summary>Waits (bounded) until every connection open now has been closed and freed.</summary>
    public async Task WaitForNoConnectionsAsync()
    {
        await Server.WhenOpenSessionsClosedAsync().WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(0, Server.ConnectionCount);
    }

    /// <summary>Waits (bounded) until at most <paramref name="count"/> connections are open.</summary>
    public async Task WaitForConnectionCountAsync(int count)
    {
        Assert.True(await TryWaitForConnectionCountAsync(count, TimeSpan.FromSeconds(15)), $"still {Server.ConnectionCount} connections");
    }

    /// <summary>True when at most <paramref name="count"/> connections are open within the timeout.</summary>
    public async Task<bool> TryWaitForConnectionCountAsync(int count, TimeSpan timeout)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check()
        {
            if (Server.ConnectionCount <= count)
            {
                reached.TrySetResult();
            }
        }

        Server.SessionClosed += Check;
        try
        {
            Check();
            await reached.Task.WaitAsync(timeout);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        finally
        {
            Server.SessionClosed -= Check;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Server.StopAsync(TimeSpan.FromSeconds(5));
        await Server.DisposeAsync();
    }
}
