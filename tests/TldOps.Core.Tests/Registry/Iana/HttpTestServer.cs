using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TldOps.Core.Tests.Registry.Iana;

/// <summary>A response of <see cref="HttpTestServer"/>.</summary>
internal sealed record HttpTestResponse(int Status, string Body, string? RetryAfter = null);

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1, port 0: reads one request per connection (headers
/// bounded at 16 KiB), answers from the test's handler with Content-Length, and closes.
/// </summary>
internal sealed class HttpTestServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<int, string, HttpTestResponse> _handler;
    private readonly ConcurrentQueue<string> _paths = new();
    private readonly Task _loop;
    private int _requests;

    public HttpTestServer(Func<int, string, HttpTestResponse> handler)
    {
        _handler = handler;
        _listener.Start();
        _loop = AcceptLoopAsync();
    }

    public Uri BaseUri => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    public IReadOnlyList<string> Paths => [.. _paths];

    private async Task AcceptLoopAsync()
    {
        var handlers = new List<Task>();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                handlers.Add(HandleAsync(client));
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed: stop accepting.
        }

        await Task.WhenAll(handlers);
    }

    private async Task HandleAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var head = await ReadHeadAsync(stream);
                var path = head.Split(' ', 3) is [_, var target, _] ? target : "/";
                _paths.Enqueue(path);
                var response = _handler(Interlocked.Increment(ref _requests) - 1, path);
                var body = Encoding.UTF8.GetBytes(response.Body);
                var text = new StringBuilder()
                    .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {response.Status} Test\r\n")
                    .Append("Content-Type: application/rdap+json\r\n")
                    .Append(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n")
                    .Append(response.RetryAfter is null ? string.Empty : $"Retry-After: {response.RetryAfter}\r\n")
                    .Append("Connection: close\r\n\r\n")
                    .ToString();
                await stream.WriteAsync(Encoding.ASCII.GetBytes(text), _stop.Token);
                await stream.WriteAsync(body, _stop.Token);
            }
            catch (Exception error) when (error is OperationCanceledException or IOException or SocketException)
            {
                // The client went away or the server is shutting down.
            }
        }
    }

    private async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var head = new List<byte>();
        var buffer = new byte[1];
        while (head.Count < 16 * 1024 && await stream.ReadAsync(buffer, _stop.Token) == 1)
        {
            head.Add(buffer[0]);
            if (head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n')
            {
                break;
            }
        }

        return Encoding.ASCII.GetString([.. head]);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }
}
