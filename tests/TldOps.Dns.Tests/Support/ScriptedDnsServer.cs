using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using TldOps.Dns.Wire;

namespace TldOps.Dns.Tests.Support;

/// <summary>A query the scripted server received, with its position in arrival order.</summary>
internal sealed record ReceivedQuery(DnsMessage Message, IPEndPoint From, DnsTransport Transport, int Index)
{
    public DnsQuestion Question => Message.Questions[0];
}

/// <summary>
/// A DNS server on loopback that answers what a test script says, byte for byte: several
/// datagrams per query (spoofed, garbage, real), or none. UDP and TCP share one port number.
/// Every query is recorded. Disposing stops both listeners and waits for their loops.
/// </summary>
internal sealed class ScriptedDnsServer : IAsyncDisposable
{
    private readonly Socket _udp;
    private readonly TcpListener _tcp;
    private readonly Func<ReceivedQuery, IReadOnlyList<byte[]>> _udpScript;
    private readonly Func<ReceivedQuery, byte[]>? _tcpScript;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<ReceivedQuery> _received = new();
    private readonly Task _udpLoop;
    private readonly Task _tcpLoop;
    private int _count;

    private ScriptedDnsServer(
        Socket udp, TcpListener tcp, Func<ReceivedQuery, IReadOnlyList<byte[]>> udpScript, Func<ReceivedQuery, byte[]>? tcpScript)
    {
        _udp = udp;
        _tcp = tcp;
        _udpScript = udpScript;
        _tcpScript = tcpScript;
        EndPoint = (IPEndPoint)udp.LocalEndPoint!;
        _udpLoop = Task.Run(ServeUdpAsync);
        _tcpLoop = Task.Run(ServeTcpAsync);
    }

    public IPEndPoint EndPoint { get; }

    public IReadOnlyList<ReceivedQuery> Received => [.. _received];

    /// <summary>A server that never answers.</summary>
    public static ScriptedDnsServer Silent() => Start(_ => []);

    /// <summary>Starts a server; <paramref name="tcpScript"/> null means TCP connections are accepted and closed.</summary>
    public static ScriptedDnsServer Start(Func<ReceivedQuery, IReadOnlyList<byte[]>> udpScript, Func<ReceivedQuery, byte[]>? tcpScript = null)
    {
        // The TCP port number must match the UDP one; a clash with another process is retried.
        for (var attempt = 0; ; attempt++)
        {
            var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var tcp = new TcpListener((IPEndPoint)udp.LocalEndPoint!);
            try
            {
                tcp.Start();
                return new ScriptedDnsServer(udp, tcp, udpScript, tcpScript);
            }
            catch (SocketException) when (attempt < 10)
            {
                udp.Dispose();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _udp.Dispose();
        _tcp.Stop();
        await _udpLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _tcpLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task ServeUdpAsync()
    {
        var buffer = new byte[65535];
        while (!_stop.IsCancellationRequested)
        {
            var result = await _udp.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), _stop.Token);
            if (!DnsMessage.TryParse(buffer.AsSpan(0, result.ReceivedBytes), out var message) || message.Questions.Count == 0)
            {
                continue;
            }

            var query = new ReceivedQuery(message, (IPEndPoint)result.RemoteEndPoint, DnsTransport.Udp, Interlocked.Increment(ref _count) - 1);
            _received.Enqueue(query);
            foreach (var datagram in _udpScript(query))
            {
                await _udp.SendToAsync(datagram, SocketFlags.None, result.RemoteEndPoint, _stop.Token);
            }
        }
    }

    private async Task ServeTcpAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            using var client = await _tcp.AcceptTcpClientAsync(_stop.Token);
            try
            {
                await AnswerTcpAsync(client);
            }
            catch (Exception e) when (e is IOException or SocketException)
            {
                // A client that gives up mid-exchange (a test of limits) must not stop the server.
                continue;
            }
        }
    }

    private async Task AnswerTcpAsync(TcpClient client)
    {
        await using var stream = client.GetStream();
        var prefix = new byte[2];
        await stream.ReadExactlyAsync(prefix, _stop.Token);
        var body = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
        await stream.ReadExactlyAsync(body, _stop.Token);
        if (_tcpScript is null || !DnsMessage.TryParse(body, out var message))
        {
            return;
        }

        var query = new ReceivedQuery(message, (IPEndPoint)client.Client.RemoteEndPoint!, DnsTransport.Tcp, Interlocked.Increment(ref _count) - 1);
        _received.Enqueue(query);
        var answer = _tcpScript(query);
        var framed = new byte[answer.Length + 2];
        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)answer.Length);
        answer.CopyTo(framed, 2);
        await stream.WriteAsync(framed, _stop.Token);
    }
}
