using TldOps.Dns.Records;
using TldOps.Dns.Tests.Support;
using TldOps.Dns.Wire;

namespace TldOps.Dns.Tests.Resolution;

public sealed class DnsResolverAnswerTests
{
    [Fact]
    public async Task A_cname_chain_that_leaves_the_response_is_followed_with_a_new_query()
    {
        await using var server = ScriptedDnsServer.Start(q => q.Question.Name switch
        {
            "alias.example.test" => [Packets.ResponseTo(q.Message, Responses.NoError, 1)
                .Record(x => x.Pointer(12), 5, 60, x => x.Name("target.example.net")).ToArray()],
            _ => [Responses.A(q, 60, "192.0.2.20")],
        });
        var resolver = TestResolvers.Create(server.EndPoint);

        var result = await resolver.QueryAsync("alias.example.test", DnsRecordType.A);

        Assert.Equal(DnsOutcome.Success, result.Outcome);
        Assert.Equal("target.example.net", result.CanonicalName);
        Assert.Equal(["alias.example.test"], result.Aliases);
        Assert.Equal(["alias.example.test", "target.example.net"], server.Received.Select(q => q.Question.Name));
    }

    [Fact]
    public async Task No_data_after_a_cname_with_an_soa_needs_no_second_query()
    {
        await using var server = ScriptedDnsServer.Start(q =>
        [
            Packets.ResponseTo(q.Message, Responses.NoError, 1, 1)
                .Record(x => x.Pointer(12), 5, 60, x => x.Name("target.example.test"))
                .Record("example.test", 6, 60, x => x.Name("ns1.example.test").Name("hostmaster.example.test")
                    .U32(1).U32(3600).U32(600).U32(86400).U32(60))
                .ToArray(),
        ]);
        var resolver = TestResolvers.Create(server.EndPoint);

        var result = await resolver.QueryAsync("alias.example.test", DnsRecordType.MX);

        Assert.Equal(DnsOutcome.NoData, result.Outcome);
        Assert.Equal("target.example.test", result.CanonicalName);
        Assert.Single(server.Received);
    }

    [Fact]
    public async Task A_cname_loop_across_responses_is_a_server_failure()
    {
        await using var server = ScriptedDnsServer.Start(q =>
        {
            var next = q.Question.Name == "one.example.test" ? "two.example.test" : "one.example.test";
            return [Packets.ResponseTo(q.Message, Responses.NoError, 1).Record(x => x.Pointer(12), 5, 60, x => x.Name(next)).ToArray()];
        });
        var resolver = TestResolvers.Create(server.EndPoint);

        var result = await resolver.QueryAsync("one.example.test", DnsRecordType.A);

        Assert.Equal(DnsOutcome.ServerFailure, result.Outcome);
        Assert.Equal(2, server.Received.Count);
    }

    [Fact]
    public async Task A_chain_longer_than_the_limit_is_a_server_failure()
    {
        // n0 -> n1 -> n2 -> ... each in its own response.
        await using var server = ScriptedDnsServer.Start(q =>
        {
            var n = int.Parse(q.Question.Name.Split('.')[0][1..], System.Globalization.CultureInfo.InvariantCulture);
            return [Packets.ResponseTo(q.Message, Responses.NoError, 1).Record(x => x.Pointer(12), 5, 60, x => x.Name($"n{n + 1}.example.test")).ToArray()];
        });
        var resolver = TestResolvers.Create(server.EndPoint, o => o.MaxCnameChain = 3);

        var result = await resolver.QueryAsync("n0.example.test", DnsRecordType.A);

        Assert.Equal(DnsOutcome.ServerFailure, result.Outcome);
        Assert.Equal(4, server.Received.Count);
    }

    [Fact]
    public async Task Records_for_names_nobody_asked_about_are_ignored()
    {
        await using var server = ScriptedDnsServer.Start(q =>
        [
            Packets.ResponseTo(q.Message, Responses.NoError, 2)
                .Record("evil.example.net", 1, 60, x => x.Bytes(6, 6, 6, 6))
                .Record(x => x.Pointer(12), 1, 60, x => x.Bytes(192, 0, 2, 21))
                .ToArray(),
        ]);
        var resolver = TestResolvers.Create(server.EndPoint);

        var result = await resolver.QueryAsync("host.example.test", DnsRecordType.A);

        Assert.Equal("192.0.2.21", Assert.IsType<ARecord>(Assert.Single(result.Records)).Address.ToString());
    }

    [Fact]
    public async Task An_answer_holding_only_other_names_is_no_data()
    {
        await using var server = ScriptedDnsServer.Start(q =>
        [
            Packets.ResponseTo(q.Message, Responses.NoError, 1).Record("evil.example.net", 1, 60, x => x.Bytes(6, 6, 6, 6)).ToArray(),
        ]);
        var resolver = TestResolvers.Create(server.EndPoint);

        var result = await resolver.QueryAsync("host.example.test", DnsRecordType.A);

        Assert.Equal(DnsOutcome.NoData, result.Outcome);
        Assert.Empty(result.Records);
    }

    [Fact]
    public async Task A_referral_is_not_taken_for_no_data()
    {
        await using var server = ScriptedDnsServer.Start(q =>
        [
            Packets.ResponseTo(q.Message, 0x8100, 0, 1).Record("example.test", 2, 3600, x => x.Name("ns.example.test")).ToArray(),
        ]);
        var resolver = TestResolvers.Create(server.EndPoint);

        var result = await resolver.QueryAsync("host.example.test", DnsRecordType.MX);

        Assert.Equal(DnsOutcome.ServerFailure, result.Outcome);
    }

    [Fact]
    public async Task A_unicode_name_is_sent_as_a_labels()
    {
        await using var server = ScriptedDnsServer.Start(q => [Responses.A(q, 60, "192.0.2.22")]);
        var resolver = TestResolvers.Create(server.EndPoint);

        var result = await resolver.QueryAsync("bücher.example.test", DnsRecordType.A);

        Assert.True(result.IsSuccess);
        Assert.Equal("xn--bcher-kva.example.test", result.Name);
        Assert.Equal("xn--bcher-kva.example.test", Assert.Single(server.Received).Question.Name);
    }

    [Fact]
    public async Task An_invalid_name_throws_before_any_query()
    {
        await using var server = ScriptedDnsServer.Silent();
        var resolver = TestResolvers.Create(server.EndPoint);

        await Assert.ThrowsAsync<ArgumentException>(() => resolver.LookupMxAsync("exa..mple.test"));
        Assert.Empty(server.Received);
    }

    [Fact]
    public async Task A_null_mx_mixed_with_real_exchanges_leaves_the_real_ones()
    {
        await using var server = ScriptedDnsServer.Start(q =>
        [
            Packets.ResponseTo(q.Message, Responses.NoError, 2)
                .Record(x => x.Pointer(12), 15, 60, x => x.U16(0).U8(0))
                .Record(x => x.Pointer(12), 15, 60, x => x.U16(10).Name("mx.example.test"))
                .ToArray(),
        ]);
        var resolver = TestResolvers.Create(server.EndPoint);

        var result = await resolver.LookupMxAsync("mixed.example.test");

        Assert.False(result.AcceptsNoMail);
        Assert.Equal([new MailExchange(10, "mx.example.test")], result.Exchanges);
    }

    [Fact]
    public async Task Addresses_combine_a_failure_with_an_empty_family_as_the_failure()
    {
        await using var server = ScriptedDnsServer.Start(q => q.Question.Type == DnsRecordType.A
            ? [Responses.Code(q, Responses.ServFail)]
            : [Responses.Negative(q, Responses.NoError, (60, 60))]);
        var resolver = TestResolvers.Create(server.EndPoint);

        var result = await resolver.ResolveAddressesAsync("host.example.test");

        Assert.Equal(DnsOutcome.ServerFailure, result.Outcome);
        Assert.Equal((DnsOutcome.ServerFailure, DnsOutcome.NoData), (result.IPv4Outcome, result.IPv6Outcome));
    }

    [Fact]
    public async Task Addresses_succeed_when_one_family_answers_and_the_other_fails()
    {
        await using var server = ScriptedDnsServer.Start(q => q.Question.Type == DnsRecordType.A
            ? [Responses.A(q, 60, "192.0.2.23")]
            : [Responses.Code(q, Responses.ServFail)]);
        var resolver = TestResolvers.Create(server.EndPoint);

        var result = await resolver.ResolveAddressesAsync("host.example.test");

        Assert.Equal(DnsOutcome.Success, result.Outcome);
        Assert.Equal(["192.0.2.23"], result.Addresses.Select(a => a.ToString()));
    }
}
