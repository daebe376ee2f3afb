using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using TldOps.Dns.Wire;

namespace TldOps.Dns;

/// <summary>The UDP and TCP exchanges, and the check that a response answers our query.</summary>
public sealed partial class DnsResolver
{
    // A datagram can carry at most 65535 bytes of DNS payload; the buffer takes any of them whole.
    private const int MaxDatagramSize = 65535;

    // Unrelated or forged datagrams dropped in one try before giving it up: bounds the loop even
    // when a flood keeps arriving faster than the timeout can fire.
    private const int MaxDroppedDatagrams = 64;

    private enum Verdict
    {
        Accepted,
        Dropped,
        Malformed,
    }

    private async Task<DnsExchange> ExchangeOverUdpAsync(
        IPEndPoint server, DnsQuestion question, bool useEdns, CancellationToken cancellationToken)
    {
        var query = BuildQuery(question, useEdns);
        using var socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);

        // Connecting binds a fresh port chosen by the operating system, and makes the kernel drop
        // datagrams from any address or port but the server's.
        await socket.ConnectAsync(server, cancellationToken);
        await socket.SendAsync(query.ToArray(), SocketFlags.None, cancellationToken);
        var buffer = ArrayPool<byte>.Shared.Rent(MaxDatagramSize);
        try
        {
            for (var i = 0; i < MaxDroppedDatagrams; i++)
            {
                var received = await socket.ReceiveAsync(buffer.AsMemory(0, MaxDatagramSize), SocketFlags.None, cancellationToken);
                var verdict = Inspect(buffer.AsSpan(0, received), query, out var response);
                if (verdict == Verdict.Dropped)
                {
                    _logger.LogDebug("Dropped a datagram from {Server} that does not answer query {Id}", server, query.Id);
                    continue;
                }

                return Conclude(server, DnsTransport.Udp, response);
            }

            _logger.LogDebug("Gave up on {Server} after {Count} unrelated datagrams", server, MaxDroppedDatagrams);
            return new DnsExchange(DnsOutcome.Timeout, null, server, DnsTransport.Udp);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>A query over TCP with the two-byte length prefix (RFC 1035 §4.2.2, RFC 7766), one per connection.</summary>
    private async Task<DnsExchange> ExchangeOverTcpAsync(
        IPEndPoint server, DnsQuestion question, bool useEdns, CancellationToken cancellationToken)
    {
        var query = BuildQuery(question, useEdns);
        using var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(server, cancellationToken);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var framed = new byte[2 + query.Length];
        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)query.Length);
        query.WriteTo(framed.AsSpan(2));
        await stream.WriteAsync(framed, cancellationToken);

        var prefix = new byte[2];
        await stream.ReadExactlyAsync(prefix, cancellationToken);
        var length = BinaryPrimitives.ReadUInt16BigEndian(prefix);
        if (length > _options.MaxTcpResponseSize)
        {
            _logger.LogDebug("{Server} sent a {Length}-byte TCP answer, over the {Max}-byte limit", server, length, _options.MaxTcpResponseSize);
            return new DnsExchange(DnsOutcome.Malformed, null, server, DnsTransport.Tcp);
        }

        var body = new byte[length];
        await stream.ReadExactlyAsync(body, cancellationToken);

        // On a connection there is no one else to hear from: an answer to another query is malformed.
        var verdict = Inspect(body, query, out var response);
        return Conclude(server, DnsTransport.Tcp, verdict == Verdict.Accepted ? response : null);
    }

    private DnsQuery BuildQuery(DnsQuestion question, bool useEdns) => new(NextId(), question)
    {
        RecursionDesired = _options.RecursionDesired,
        UseEdns = useEdns,
        UdpPayloadSize = _options.UdpPayloadSize,
        DnssecOk = useEdns && _options.DnssecOk,
    };

    private static DnsExchange Conclude(IPEndPoint server, DnsTransport transport, DnsMessage? response) =>
        response is null
            ? new DnsExchange(DnsOutcome.Malformed, null, server, transport)
            : new DnsExchange(Classify(response), response, server, transport);

    /// <summary>
    /// Decides whether bytes answer <paramref name="query"/>: a response, opcode QUERY, the same
    /// identifier and the same question (names compared case-insensitively). Anything else is
    /// dropped unread. A matching response that then fails to parse is malformed. A FORMERR
    /// without a question section is accepted too, as servers that reject EDNS send one.
    /// </summary>
    private Verdict Inspect(ReadOnlySpan<byte> data, DnsQuery query, out DnsMessage? response)
    {
        response = null;
        var parser = _options.ParserOptions;
        if (DnsMessage.TryReadHeaderAndQuestion(data, parser, out var header, out var echoed))
        {
            if (!IsReplyTo(header, query) || header.QuestionCount != 1 || !echoed.Matches(query.Question))
            {
                return Verdict.Dropped;
            }
        }
        else if (data.Length < DnsHeader.Length
            || BinaryPrimitives.ReadUInt16BigEndian(data) != query.Id
            || BinaryPrimitives.ReadUInt16BigEndian(data[4..]) != 0
            || (BinaryPrimitives.ReadUInt16BigEndian(data[2..]) & 0xF80F) != 0x8001)
        {
            return Verdict.Dropped;
        }

        if (!DnsMessage.TryParse(data, parser, out response, out var failure))
        {
            _logger.LogDebug("Answer to query {Id} is malformed: {Problem}", query.Id, failure!.Message);
            return Verdict.Malformed;
        }

        return Verdict.Accepted;
    }

    private static bool IsReplyTo(DnsHeader header, DnsQuery query) =>
        header.Id == query.Id && header.IsResponse && header.Opcode == DnsOpcode.Query;
}
