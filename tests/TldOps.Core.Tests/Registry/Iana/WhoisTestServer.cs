using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TldOps.Core.Tests.Registry.Iana;

/// <summary>What the test whois server does with the n-th connection (0-based) and its query.</summary>
internal enum WhoisServerAction
{
    /// <summary>Send the corpus answer for the query (retired/ or old-format/ if not current) and close.</summary>
    Answer,

    /// <summary>Read the query and close without a word.</summary>
    CloseSilently,

    /// <summary>Send half of the answer, then reset the connection.</summary>
    ResetMidAnswer,

    /// <summary>Read the query and never answer (until the server is disposed).</summary>
    Hang,
}

/// <summary>
/// A whois server on 127.0.0.1, port 0, answering from the iana-whois corpus (or from answers
/// the test sets), and recording each query with the time on the test's clock.
/// </summary>
internal sealed class WhoisTestServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<int, string, WhoisServerAction> _plan;
    private readonly TimeProvider _clock;
    private readonly ConcurrentQueue<(string Query, DateTimeOffset At)> _queries = new();
    private readonly ConcurrentDictionary<string, byte[]> _answers = new(StringComparer.OrdinalIgnoreCase);
    private readonly Task _loop;
    private int _connections;

    public WhoisTestServer(TimeProvider clock, Func<int, string, WhoisServerAction>? plan = null)
    {
        _clock = clock;
        _plan = plan ?? ((_, _) => WhoisServerAction.Answer);
        _listener.Start();
        _loop = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public IReadOnlyList<(string Query, DateTimeOffset At)> Queries => [.. _queries];

    /// <summary>Answers <paramref name="query"/> with these bytes instead of a corpus file.</summary>
    public void SetAnswer(string query, byte[] answer) => _answers[query] = answer;

    private async Task AcceptLoopAsync()
    {
        var handlers = new List<Task>();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                handlers.Add(HandleAsync(client, Interlocked.Increment(ref _connections) - 1));
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed: stop accepting.
        }

        await Task.WhenAll(handlers);
    }

    private async Task HandleAsync(TcpClient client, int index)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var query = await ReadQueryAsync(stream);
                _queries.Enqueue((query, _clock.GetUtcNow()));
                switch (_plan(index, query))
                {
                    case WhoisServerAction.Answer:
                        await stream.WriteAsync(AnswerFor(query), _stop.Token);
                        break;
                    case WhoisServerAction.ResetMidAnswer:
                        var answer = AnswerFor(query);
                        await stream.WriteAsync(answer.AsMemory(0, answer.Length / 2), _stop.Token);
                        client.Client.LingerState = new LingerOption(true, 0);
                        break;
                    case WhoisServerAction.Hang:
                        await Task.Delay(Timeout.Infinite, _stop.Token);
                        break;
                }
            }
            catch (Exception error) when (error is OperationCanceledException or IOException or SocketException)
            {
                // The client went away or the server is shutting down: nothing to answer.
            }
        }
    }

    private async Task<string> ReadQueryAsync(NetworkStream stream)
    {
        var bytes = new List<byte>();
        var buffer = new byte[1];
        // A query is one short line (RFC 3912 §2); 256 bytes bound the loop.
        while (bytes.Count < 256 && await stream.ReadAsync(buffer, _stop.Token) == 1 && buffer[0] != (byte)'\n')
        {
            bytes.Add(buffer[0]);
        }

        return Encoding.ASCII.GetString([.. bytes]).TrimEnd('\r');
    }

    private byte[] AnswerFor(string query)
    {
        if (_answers.TryGetValue(query, out var answer))
        {
            return answer;
        }

        var name = query.ToUpperInvariant();
        foreach (var path in (string[])[IanaCorpus.Current(name), IanaCorpus.Retired(name), IanaCorpus.Legacy(name)])
        {
            if (File.Exists(path))
            {
                return File.ReadAllBytes(path);
            }
        }

        return Encoding.ASCII.GetBytes($"% IANA WHOIS server\n%\n% This query returned 0 objects.\n");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }
}
