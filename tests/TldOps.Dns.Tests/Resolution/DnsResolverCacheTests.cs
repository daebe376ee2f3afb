using TldOps.Testing;
using TldOps.Dns.Tests.Support;
using TldOps.Dns.Wire;

namespace TldOps.Dns.Tests.Resolution;

public sealed class DnsResolverCacheTests
{
    [Fact]
    public async Task A_positive_answer_is_cached_for_its_ttl()
    {
        var clock = new ManualClock();
        await using var server = ScriptedDnsServer.Start(q => [Responses.A(q, 60, "192.0.2.30")]);
        var resolver = TestResolvers.Create(server.EndPoint, clock: clock);

        var first = await resolver.QueryAsync("host.example.test", DnsRecordType.A);
        clock.Advance(TimeSpan.FromSeconds(59));
        var cached = await resolver.QueryAsync("HOST.example.test.", DnsRecordType.A);
        clock.Advance(TimeSpan.FromSeconds(2));
        var refreshed = await resolver.QueryAsync("host.example.test", DnsRecordType.A);

        Assert.False(first.FromCache);
        Assert.True(cached.FromCache);
        Assert.Equal(DnsOutcome.Success, cached.Outcome);
        Assert.False(refreshed.FromCache);
        Assert.Equal(2, server.Received.Count);
    }

    [Fact]
    public async Task A_negative_answer_is_cached_for_the_soa_minimum_when_it_is_below_the_soa_ttl()
    {
        var clock = new ManualClock();
        await using var server = ScriptedDnsServer.Start(q => [Responses.Negative(q, Responses.NxDomain, (Ttl: 300, Minimum: 30))]);
        var resolver = TestResolvers.Create(server.EndPoint, clock: clock);

        Assert.Equal(DnsOutcome.NxDomain, (await resolver.QueryAsync("gone.example.test", DnsRecordType.A)).Outcome);
        clock.Advance(TimeSpan.FromSeconds(29));
        var cached = await resolver.QueryAsync("gone.example.test", DnsRecordType.A);
        clock.Advance(TimeSpan.FromSeconds(2));
        await resolver.QueryAsync("gone.example.test", DnsRecordType.A);

        Assert.True(cached.FromCache);
        Assert.Equal(DnsOutcome.NxDomain, cached.Outcome);
        Assert.Equal(2, server.Received.Count);
    }

    [Fact]
    public async Task A_negative_answer_is_cached_for_the_soa_ttl_when_it_is_below_the_minimum()
    {
        var clock = new ManualClock();
        await using var server = ScriptedDnsServer.Start(q => [Responses.Negative(q, Responses.NoError, (Ttl: 10, Minimum: 3600))]);
        var resolver = TestResolvers.Create(server.EndPoint, clock: clock);

        Assert.Equal(DnsOutcome.NoData, (await resolver.QueryAsync("host.example.test", DnsRecordType.AAAA)).Outcome);
        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.True((await resolver.QueryAsync("host.example.test", DnsRecordType.AAAA)).FromCache);
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.False((await resolver.QueryAsync("host.example.test", DnsRecordType.AAAA)).FromCache);
    }

    [Fact]
    public async Task The_negative_cache_lifetime_is_capped()
    {
        var clock = new ManualClock();
        await using var server = ScriptedDnsServer.Start(q => [Responses.Negative(q, Responses.NxDomain, (86400, 86400))]);
        var resolver = TestResolvers.Create(server.EndPoint, o => o.MaxNegativeCacheTtl = TimeSpan.FromMinutes(5), clock);

        await resolver.QueryAsync("gone.example.test", DnsRecordType.A);
        clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        await resolver.QueryAsync("gone.example.test", DnsRecordType.A);

        Assert.Equal(2, server.Received.Count);
    }

    [Fact]
    public async Task A_negative_answer_without_soa_is_not_cached()
    {
        await using var server = ScriptedDnsServer.Start(q => [Responses.Negative(q, Responses.NxDomain, soa: null)]);
        var resolver = TestResolvers.Create(server.EndPoint);

        await resolver.QueryAsync("gone.example.test", DnsRecordType.A);
        var again = await resolver.QueryAsync("gone.example.test", DnsRecordType.A);

        Assert.False(again.FromCache);
        Assert.Equal(2, server.Received.Count);
    }

    [Fact]
    public async Task Failures_and_zero_ttls_are_not_cached()
    {
        await using var failing = ScriptedDnsServer.Start(q => [Responses.Code(q, Responses.ServFail)]);
        await using var zero = ScriptedDnsServer.Start(q => [Responses.A(q, 0, "192.0.2.31")]);
        var failingResolver = TestResolvers.Create(failing.EndPoint);
        var zeroResolver = TestResolvers.Create(zero.EndPoint);

        for (var i = 0; i < 2; i++)
        {
            await failingResolver.QueryAsync("host.example.test", DnsRecordType.A);
            await zeroResolver.QueryAsync("host.example.test", DnsRecordType.A);
        }

        Assert.Equal(2, failing.Received.Count);
        Assert.Equal(2, zero.Received.Count);
    }

    [Fact]
    public async Task The_cache_is_bounded_and_evicts_the_least_recently_used()
    {
        await using var server = ScriptedDnsServer.Start(q => [Responses.A(q, 3600, "192.0.2.32")]);
        var resolver = TestResolvers.Create(server.EndPoint, o => o.CacheSize = 2);

        await resolver.QueryAsync("a.example.test", DnsRecordType.A);
        await resolver.QueryAsync("b.example.test", DnsRecordType.A);
        await resolver.QueryAsync("a.example.test", DnsRecordType.A); // a is now the most recent
        await resolver.QueryAsync("c.example.test", DnsRecordType.A); // evicts b
        var a = await resolver.QueryAsync("a.example.test", DnsRecordType.A);
        var b = await resolver.QueryAsync("b.example.test", DnsRecordType.A);

        Assert.True(a.FromCache);
        Assert.False(b.FromCache);
        Assert.Equal(["a", "b", "c", "b"], server.Received.Select(q => q.Question.Name.Split('.')[0]));
    }

    [Fact]
    public async Task A_cache_size_of_zero_turns_the_cache_off()
    {
        await using var server = ScriptedDnsServer.Start(q => [Responses.A(q, 3600, "192.0.2.33")]);
        var resolver = TestResolvers.Create(server.EndPoint, o => o.CacheSize = 0);

        await resolver.QueryAsync("a.example.test", DnsRecordType.A);
        await resolver.QueryAsync("a.example.test", DnsRecordType.A);

        Assert.Equal(2, server.Received.Count);
    }
}
