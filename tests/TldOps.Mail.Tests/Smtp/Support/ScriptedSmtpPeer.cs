using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TldOps.Mail.Tests.Smtp.Support;

/// <summary>
/// A minimal SMTP server on loopback whose connections can be told to drop at a chosen moment,
/// for testing what a client does when a connection breaks (the real servers never do it on
/// cue). Each connection serves one transaction per call of its script step.
/// </summary>
internal sealed class ScriptedSmtpPeer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly Func<int, int, DropPoint> _dropAt;
    private readonly List<Task> _connections = [];
    private int _accepted;
    private int _delivered;

    /// <summary>
    /// <paramref name="dropAt"/> gets (connection number from 1, transaction number from 1) and
    /// says where that transaction's connection is dropped.
    /// </summary>
    public ScriptedSmtpPeer(Func<int, int, DropPoint> dropAt)
    {
        _dropAt = dropAt;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public enum DropPoint
    {
        Never,
        BeforeReplyingToTheFirstCommand,
        AfterTheContentWithoutReplying,
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Accepted => Volatile.Read(ref _accepted);

    public int Delivered => Volatile.Read(ref _delivered);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        Task[] connections;
        lock (_connections)
        {
            connections = [.. _connections];
        }

        await Task.WhenAll(connections).WaitAsync(TimeSpan.FromSeconds(15));
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var number = Interlocked.Increment(ref _accepted);
            lock (_connections)
            {
                _connections.Add(ServeAsync(client, number));
            }
        }
    }

    private async Task ServeAsync(TcpClient client, int connection)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.ASCII);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                timeout.CancelAfter(TimeSpan.FromSeconds(30));
                await WriteAsync(stream, "220 scripted.test.example ESMTP\r\n", timeout.Token);
                for (var transaction = 1; transaction < 100; transaction++)
                {
                    if (!await ServeTransactionAsync(stream, reader, _dropAt(connection, transaction), timeout.Token))
                    {
                        return;
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException)
            {
                // The client went away, or the test is over.
            }
        }
    }

    /// <summary>Serves EHLO/RSET/NOOP and one mail transaction; false when the connection should end.</summary>
    private async Task<bool> ServeTransactionAsync(NetworkStream stream, StreamReader reader, DropPoint drop, CancellationToken cancellationToken)
    {
        var first = true;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (first && drop == DropPoint.BeforeReplyingToTheFirstCommand)
            {
                return false;
            }

            first = false;
            var verb = line.Split(' ')[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO":
                    await WriteAsync(stream, "250-scripted.test.example\r\n250 PIPELINING\r\n", cancellationToken);
                    break;
                case "QUIT":
                    await WriteAsync(stream, "221 Bye\r\n", cancellationToken);
                    return false;
                case "DATA":
                    await WriteAsync(stream, "354 Go on\r\n", cancellationToken);
                    while (await reader.ReadLineAsync(cancellationToken) is { } data && data != ".")
                    {
                    }

                    if (drop == DropPoint.AfterTheContentWithoutReplying)
                    {
                        return false;
                    }

                    Interlocked.Increment(ref _delivered);
                    await WriteAsync(stream, "250 Accepted\r\n", cancellationToken);
                    return true;
                default:
                    await WriteAsync(stream, "250 OK\r\n", cancellationToken);
                    break;
            }
        }

        return false;
    }

    private static async Task WriteAsync(NetworkStream stream, string text, CancellationToken cancellationToken) =>
        await stream.WriteAsync(Encoding.ASCII.GetBytes(text), cancellationToken);
}
