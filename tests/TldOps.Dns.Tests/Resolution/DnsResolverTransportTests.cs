using System.Net;
using System.Net.Sockets;
using TldOps.Dns.Records;
using TldOps.Dns.Tests.Support;
using TldOps.Dns.Wire;

namespace TldOps.Dns.Tests.Resolution;

public sealed class DnsResolverTransportTests
{
    [Fact]
    public async Task Datagrams_with_a_wrong_id_a_wrong_question_or_garbage_are_dropped()
    {
        await using var server = ScriptedDnsServer.Start(q =>
        {
            var real = Responses.A(q, 60, "192.0.2.7");
            var otherQuestion = DnsMessage.Parse(
                new DnsQuery(q.Message.Header.Id, new DnsQuestion("other.example.test", DnsRecordType.A)).ToArray());
            var otherName = Packets.ResponseTo(otherQuestion, Responses.NoError, 1)
                .Record(x => x.Pointer(12), 1, 60, x => x.Bytes(6, 6, 6, 6)).ToArray();
            var otherType = Packets.ResponseTo(q.Message, Responses.NoError, 0).ToArray();
            otherType[^4] = 0x00;
            otherType[^3] = 0x1C; // AAAA instead of A
            var notAResponse = (byte[])real.Clone();
            notAResponse[2] &= 0x7F; // QR cleared
            return
            [
                Responses.WithId(Responses.A(q, 60, "6.6.6.6"), (ushort)(q.Message.Header.Id ^ 0x5555)),
                otherName,
                otherType,
                notAResponse,
                [0xDE, 0xAD, 0xBE, 0xEF],
                [],
                real,
            ];
        });
        var resolver = TestResolvers.Create(server.EndPoint);

        var result = await resolver.QueryAsync("host.example.test", DnsRecordType.A);

        Assert.Equal(DnsOutcome.Success, result.Outcome);
        Assert.Equal("192.0.2.7", Assert.IsType<ARecord>(Assert.Single(result.Records)).Address.ToString());
        Assert.Single(server.Received);
    }

    [Fact]
    public async Task A_forged_answer_from_another_port_is_never_read()
    {
        using var attacker = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await using var server = ScriptedDnsServer.Start(q =>
        {
            // Right identifier and question, wrong source port: the connected socket never sees it.
            attacker.Send(Responses.A(q, 60, "6.6.6.6"), q.From);
            return [Responses.A(q, 60, "192.0.2.8")];
        });
        var resolver = TestResolvers.Create(server.EndPoint);

        var result = await resolver.QueryAsync("host.example.test", DnsRecordType.A);

        Assert.Equal("192.0.2.8", Assert.IsType<ARecord>(Assert.Single(result.Records)).Address.ToString());
    }

    [Fact]
    public async Task An_answer_echoing_the_question_in_another_case_is_accepted()
    {
        await using var server = ScriptedDnsServer.Start(q =>
        {
            var upper = new DnsQuery(q.Message.Header.Id, q.Question with { Name = q.Question.Name.ToUpperInvariant() }).ToArray();
            return [Packets.ResponseTo(DnsMessage.Parse(upper), Responses.NoError, 1).Record(x => x.Pointer(12), 1, 60, x => x.Bytes(192, 0, 2, 9)).ToArray()];
        });
        var resolver = TestResolvers.Create(server.EndPoint);

        var result = await resolver.QueryAsync("host.example.test", DnsRecordType.A);

        Assert.Equal(DnsOutcome.Success, result.Outcome);
    }

    [Fact]
    public async Task A_server_that_never_answers_times_out_after_every_attempt()
    {
        await using var server = ScriptedDnsServer.Silent();
        var resolver = TestResolvers.Create(server.EndPoint, o =>
        {
            o.Timeout = TestResolvers.ShortTimeout;
            o.Attempts = 4;
        });

        var result = await resolver.QueryAsync("host.example.test", DnsRecordType.A);

        Assert.Equal(DnsOutcome.Timeout, result.Outcome);
        Assert.Empty(result.Records);
        Assert.Null(result.Response);
        var queries = server.Received;
        Assert.Equal(4, queries.Count);

        // Each try draws a new identifier and comes from a fresh socket with an OS-chosen port.
        Assert.True(queries.Select(q => q.Message.Header.Id).Distinct().Count() > 1);
        Assert.True(queries.Select(q => q.From.Port).Distinct().Count() > 1);
    }

    [Fact]
    public async Task Only_garbage_until_the_deadline_is_a_timeout_not_an_answer()
    {
        await using var server = ScriptedDnsServer.Start(_ => [[0x00, 0x01, 0x02], new byte[40]]);
        var resolver = TestResolvers.Create(server.EndPoint, o => o.Timeout = TestResolvers.ShortTimeout);

        var result = await resolver.QueryAsync("host.example.test", DnsRecordType.A);

        Assert.Equal(DnsOutcome.Timeout, result.Outcome);
    }

    [Fact]
    public async Task A_matching_answer_that_cannot_be_read_is_malformed()
    {
        await using var server = ScriptedDnsServer.Start(q =>
        {
            // Announces one answer but ends after its owner name.
            var broken = Packets.ResponseTo(q.Message, Responses.NoError, 1).Pointer(12).U16(1).ToArray();
            return [broken];
        });
        var resolver = TestResolvers.Create(server.EndPoint);

        var result = await resolver.QueryAsync("host.example.test", DnsRecordType.A);

        Assert.Equal(DnsOutcome.Malformed, result.Outcome);
    }

    [Fact]
    public async Task The_next_server_is_asked_when_one_is_silent()
    {
        await using var silent = ScriptedDnsServer.Silent();
        await using var good = ScriptedDnsServer.Start(q => [Responses.A(q, 60, "192.0.2.10")]);
        var resolver = TestResolvers.Create([silent.EndPoint, good.EndPoint], o => o.Timeout = TestResolvers.ShortTimeout);

        var result = await resolver.QueryAsync("host.example.test", DnsRecordType.A);

        Assert.Equal(DnsOutcome.Success, result.Outcome);
        Assert.Equal(good.EndPoint, result.Server);
        Assert.Single(silent.Received);
    }

    [Fact]
    public async Task Servfail_and_refused_move_on_to_the_next_server()
    {
        await using var failing = ScriptedDnsServer.Start(q => [Responses.Code(q, Responses.ServFail)]);
        await using var refusing = ScriptedDnsServer.Start(q => [Responses.Code(q, Responses.Refused)]);
        await using var good = ScriptedDnsServer.Start(q => [Responses.A(q, 60, "192.0.2.11")]);
        var resolver = TestResolvers.Create([failing.EndPoint, refusing.EndPoint, good.EndPoint]);

        var result = await resolver.QueryAsync("host.example.test", DnsRecordType.A);

        Assert.Equal(DnsOutcome.Success, result.Outcome);
        Assert.Equal(good.EndPoint, result.Server);
        Assert.Single(failing.Received);
        Assert.Single(refusing.Received);
    }

    [Theory]
    [InlineData(Responses.ServFail, DnsOutcome.ServerFailure)]
    [InlineData(Responses.Refused, DnsOutcome.Refused)]
    [InlineData((ushort)0x8184, DnsOutcome.Refused)]
    [InlineData((ushort)0x8181, DnsOutcome.ServerFailure)]
    public async Task When_every_server_fails_the_failure_is_reported(ushort flags, DnsOutcome expected)
    {
        await using var server = ScriptedDnsServer.Start(q => [Responses.Code(q, flags)]);
        var resolver = TestResolvers.Create(server.EndPoint, o => o.Attempts = 2);

        var result = await resolver.QueryAsync("host.example.test", DnsRecordType.A);

        Assert.Equal(expected, result.Outcome);
        Assert.Equal(2, server.Received.Count(q => q.Message.Edns is not null));
    }

    [Fact]
    public async Task A_server_answer_outranks_a_later_timeout_in_the_report()
    {
        await using var failing = ScriptedDnsServer.Start(q => [Responses.Code(q, Responses.ServFail)]);
        await using var silent = ScriptedDnsServer.Silent();
        var resolver = TestResolvers.Create([failing.EndPoint, silent.EndPoint], o => o.Timeout = TestResolvers.ShortTimeout);

        var result = await resolver.QueryAsync("host.example.test", DnsRecordType.A);

        Assert.Equal(DnsOutcome.ServerFailure, result.Outcome);
    }

    [Fact]
    public async Task A_truncated_answer_is_asked_again_over_tcp()
    {
        var big = new string('x', 200);
        await using var server = ScriptedDnsServer.Start(
            q => [Packets.ResponseTo(q.Message, 0x8380, 0).ToArray()], // TC=1, no records
            q => Responses.Txt(q, big, big, big));
        var resolver = TestResolvers.Create(server.EndPoint);

        var result = await resolver.LookupTxtAsync("big.example.test");

        Assert.Equal(DnsOutcome.Success, result.Outcome);
        Assert.Equal(big + big + big, Assert.Single(result.Records).JoinText());
        Assert.Equal([DnsTransport.Udp, DnsTransport.Tcp], server.Received.Select(q => q.Transport));
    }

    [Fact]
    public async Task A_tcp_answer_over_the_size_limit_is_malformed()
    {
        var big = new string('x', 250);
        await using var server = ScriptedDnsServer.Start(
            q => [Packets.ResponseTo(q.Message, 0x8380, 0).ToArray()],
            q => Responses.Txt(q, big, big, big));
        var resolver = TestResolvers.Create(server.EndPoint, o => o.MaxTcpResponseSize = 512);

        var result = await resolver.QueryAsync("big.example.test", DnsRecordType.TXT);

        Assert.Equal(DnsOutcome.Malformed, result.Outcome);
        Assert.Equal(DnsTransport.Tcp, result.Transport);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_server_rejecting_edns_is_asked_again_without_it(bool echoesQuestion)
    {
        await using var server = ScriptedDnsServer.Start(q =>
        {
            if (q.Message.Edns is null)
            {
                return [Responses.A(q, 60, "192.0.2.12")];
            }

            var formErr = echoesQuestion
                ? Responses.Code(q, 0x8181)
                : new PacketBuilder().Header(q.Message.Header.Id, 0x8181, 0, 0).ToArray();
            return [formErr];
        });
        var resolver = TestResolvers.Create(server.EndPoint);

        var result = await resolver.QueryAsync("old.example.test", DnsRecordType.A);

        Assert.Equal(DnsOutcome.Success, result.Outcome);
        Assert.Equal([true, false], server.Received.Select(q => q.Message.Edns is not null));
    }

    [Fact]
    public async Task Queries_advertise_1232_bytes_and_set_do_only_when_asked()
    {
        await using var server = ScriptedDnsServer.Start(q => [Responses.A(q, 0, "192.0.2.13")]);
        var plain = TestResolvers.Create(server.EndPoint);
        var dnssec = TestResolvers.Create(server.EndPoint, o => o.DnssecOk = true);

        await plain.QueryAsync("host.example.test", DnsRecordType.A);
        await dnssec.QueryAsync("host.example.test", DnsRecordType.A);

        var queries = server.Received;
        Assert.All(queries, q => Assert.Equal(1232, q.Message.Edns!.UdpPayloadSize));
        Assert.All(queries, q => Assert.True(q.Message.Header.RecursionDesired));
        Assert.Equal([false, true], queries.Select(q => q.Message.Edns!.DnssecOk));
    }

    [Fact]
    public async Task Rotate_spreads_queries_over_the_servers()
    {
        await using var first = ScriptedDnsServer.Start(q => [Responses.A(q, 60, "192.0.2.14")]);
        await using var second = ScriptedDnsServer.Start(q => [Responses.A(q, 60, "192.0.2.14")]);
        var rotating = TestResolvers.Create([first.EndPoint, second.EndPoint], o =>
        {
            o.Rotate = true;
            o.CacheSize = 0;
        });

        for (var i = 0; i < 4; i++)
        {
            Assert.True((await rotating.QueryAsync("host.example.test", DnsRecordType.A)).IsSuccess);
        }

        Assert.Equal(2, first.Received.Count);
        Assert.Equal(2, second.Received.Count);
    }

    [Fact]
    public async Task Without_rotate_the_first_server_takes_every_query()
    {
        await using var first = ScriptedDnsServer.Start(q => [Responses.A(q, 60, "192.0.2.14")]);
        await using var second = ScriptedDnsServer.Start(q => [Responses.A(q, 60, "192.0.2.14")]);
        var resolver = TestResolvers.Create([first.EndPoint, second.EndPoint], o => o.CacheSize = 0);

        for (var i = 0; i < 3; i++)
        {
            await resolver.QueryAsync("host.example.test", DnsRecordType.A);
        }

        Assert.Equal(3, first.Received.Count);
        Assert.Empty(second.Received);
    }

    [Fact]
    public async Task Cancelling_throws_instead_of_reporting_a_timeout()
    {
        await using var server = ScriptedDnsServer.Silent();
        var resolver = TestResolvers.Create(server.EndPoint, o => o.Timeout = TimeSpan.FromSeconds(30));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => resolver.QueryAsync("host.example.test", DnsRecordType.A, cancel.Token));
    }

    [Fact]
    public async Task A_closed_port_is_a_network_error()
    {
        IPEndPoint closed;
        using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
        {
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            closed = (IPEndPoint)probe.LocalEndPoint!;
        }

        var resolver = TestResolvers.Create(closed, o => o.Timeout = TimeSpan.FromSeconds(5));

        var result = await resolver.QueryAsync("host.example.test", DnsRecordType.A);

        Assert.Equal(DnsOutcome.NetworkError, result.Outcome);
    }
}
