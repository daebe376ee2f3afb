using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TldOps.Server.Tests.Support;

/// <summary>A whois server on 127.0.0.1 port 0 answering each query with the corpus file of that name.</summary>
internal sealed class CorpusWhoisServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _queries = [];
    private readonly string _corpus;
    private readonly Task _loop;

    public CorpusWhoisServer(string corpus)
    {
        _corpus = corpus;
        _listener.Start();
        _loop = ServeAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public IReadOnlyList<string> Queries
    {
        get
        {
            lock (_queries)
            {
                return [.. _queries];
            }
        }
    }

    private async Task ServeAsync()
    {
        // The client asks one query at a time, so one connection at a time will do.
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                await AnswerAsync(client.GetStream());
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception error) when (error is IOException or SocketException)
            {
                // That client went away; serve the next one.
            }
        }
    }

    private async Task AnswerAsync(NetworkStream stream)
    {
        using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
        var query = (await reader.ReadLineAsync(_stop.Token))?.Trim() ?? string.Empty;
        lock (_queries)
        {
            _queries.Add(query);
        }

        var name = query.ToUpperInvariant();
        var file = new[] { Path.Combine(_corpus, name), Path.Combine(_corpus, "retired", name) }.FirstOrDefault(File.Exists);
        var answer = file is null ? "% This query returned 0 objects.\n"u8.ToArray() : await File.ReadAllBytesAsync(file, _stop.Token);
        await stream.WriteAsync(answer, _stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }
}
