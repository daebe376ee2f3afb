using TldOps.Dns.Records;
using TldOps.Dns.Tests.Support;
using TldOps.Dns.Wire;
using TldOps.Testing;

namespace TldOps.Dns.Tests.Integration;

/// <summary>The resolver against a real authoritative server (NSD) serving <see cref="TestZones"/>.</summary>
public sealed class NsdResolverTests(NsdFixture nsd) : IClassFixture<NsdFixture>
{
    [RequiresFact("nsd=nsd")]
    public async Task Mx_exchanges_come_by_preference()
    {
        var result = await (await ResolverAsync()).LookupMxAsync("example.test");

        Assert.Equal(DnsOutcome.Success, result.Outcome);
        Assert.False(result.AcceptsNoMail);
        Assert.Equal(["mx1.example.test", "mx2.example.test"], result.Exchanges.Take(2).Select(e => e.Host).Order());
        Assert.Equal(new MailExchange(20, "backup.example.test"), result.Exchanges[2]);
        Assert.All(result.Exchanges, e => Assert.False(e.IsImplicit));
    }

    [RequiresFact("nsd=nsd")]
    public async Task A_domain_without_mx_is_its_own_implicit_exchange()
    {
        var result = await (await ResolverAsync()).LookupMxAsync("implicit.example.test");

        Assert.Equal(DnsOutcome.Success, result.Outcome);
        Assert.Equal([new MailExchange(0, "implicit.example.test", IsImplicit: true)], result.Exchanges);
    }

    [RequiresFact("nsd=nsd")]
    public async Task An_mx_lookup_through_a_cname_uses_the_canonical_name_for_the_implicit_exchange()
    {
        var result = await (await ResolverAsync()).LookupMxAsync("mxalias.example.test");

        Assert.Equal([new MailExchange(0, "implicit.example.test", IsImplicit: true)], result.Exchanges);
    }

    [RequiresFact("nsd=nsd")]
    public async Task A_null_mx_means_the_domain_accepts_no_mail()
    {
        var result = await (await ResolverAsync()).LookupMxAsync("nullmx.example.test");

        Assert.Equal(DnsOutcome.Success, result.Outcome);
        Assert.True(result.AcceptsNoMail);
        Assert.Empty(result.Exchanges);
    }

    [RequiresFact("nsd=nsd")]
    public async Task A_domain_with_neither_mx_nor_address_has_no_mail_host()
    {
        var result = await (await ResolverAsync()).LookupMxAsync("nomail.example.test");

        Assert.Equal(DnsOutcome.NoData, result.Outcome);
        Assert.Empty(result.Exchanges);
        Assert.False(result.AcceptsNoMail);
    }

    [RequiresFact("nsd=nsd")]
    public async Task A_missing_domain_is_nxdomain()
    {
        var result = await (await ResolverAsync()).LookupMxAsync("missing.example.test");

        Assert.Equal(DnsOutcome.NxDomain, result.Outcome);
    }

    [RequiresFact("nsd=nsd")]
    public async Task Mx_records_behind_a_cname_chain_are_found()
    {
        var result = await (await ResolverAsync()).LookupMxAsync("alias1.example.test");

        Assert.Equal([new MailExchange(5, "mx1.example.test")], result.Exchanges);
    }

    [RequiresFact("nsd=nsd")]
    public async Task Addresses_of_both_families_are_returned_ipv6_first()
    {
        var result = await (await ResolverAsync()).ResolveAddressesAsync("backup.example.test");

        Assert.Equal(DnsOutcome.Success, result.Outcome);
        Assert.Equal(["2001:db8::3", "192.0.2.3"], result.Addresses.Select(a => a.ToString()));
    }

    [RequiresFact("nsd=nsd")]
    public async Task Addresses_of_one_family_are_enough()
    {
        var result = await (await ResolverAsync()).ResolveAddressesAsync("MX2.Example.Test");

        Assert.Equal(DnsOutcome.Success, result.Outcome);
        Assert.Equal((DnsOutcome.NoData, DnsOutcome.Success), (result.IPv4Outcome, result.IPv6Outcome));
        Assert.Equal(["2001:db8::2"], result.Addresses.Select(a => a.ToString()));
    }

    [RequiresFact("nsd=nsd")]
    public async Task Dkim_and_dmarc_records_join_their_strings()
    {
        var resolver = await ResolverAsync();

        var dkim = await resolver.LookupTxtAsync("sel._domainkey.example.test");
        var dmarc = await resolver.LookupTxtAsync("_dmarc.example.test");

        Assert.Equal("v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQ", Assert.Single(dkim.Records).JoinText());
        Assert.Equal(2, dkim.Records[0].Strings.Count);
        Assert.Equal("v=DMARC1; p=reject", Assert.Single(dmarc.Records).JoinText());
    }

    [RequiresFact("nsd=nsd")]
    public async Task A_txt_record_too_big_for_udp_comes_over_tcp()
    {
        var result = await (await ResolverAsync()).QueryAsync("big.example.test", DnsRecordType.TXT);

        Assert.Equal(DnsOutcome.Success, result.Outcome);
        Assert.Equal(DnsTransport.Tcp, result.Transport);
        var txt = Assert.IsType<TxtRecord>(Assert.Single(result.Records));
        Assert.Equal(string.Concat(TestZones.BigTxtStrings), txt.JoinText());
        Assert.True(result.Response!.Length > 1232);
    }

    [RequiresFact("nsd=nsd")]
    public async Task A_tcp_answer_beyond_the_size_limit_is_malformed()
    {
        var result = await (await ResolverAsync(o => o.MaxTcpResponseSize = 1024)).QueryAsync("big.example.test", DnsRecordType.TXT);

        Assert.Equal(DnsOutcome.Malformed, result.Outcome);
    }

    [RequiresFact("nsd=nsd")]
    public async Task A_cname_chain_is_followed_to_its_address()
    {
        var result = await (await ResolverAsync()).QueryAsync("alias1.example.test", DnsRecordType.A);

        Assert.Equal(DnsOutcome.Success, result.Outcome);
        Assert.Equal(["alias1.example.test", "alias2.example.test", "alias3.example.test"], result.Aliases);
        Assert.Equal("target.example.test", result.CanonicalName);
        Assert.Equal("192.0.2.30", Assert.IsType<ARecord>(Assert.Single(result.Records)).Address.ToString());
    }

    [RequiresFact("nsd=nsd")]
    public async Task A_cname_record_itself_can_be_asked_for()
    {
        var result = await (await ResolverAsync()).QueryAsync("alias1.example.test", DnsRecordType.CNAME);

        Assert.Equal("alias2.example.test", Assert.IsType<CNameRecord>(Assert.Single(result.Records)).Target);
        Assert.Empty(result.Aliases);
    }

    [RequiresFact("nsd=nsd")]
    public async Task A_cname_loop_is_a_server_failure()
    {
        var result = await (await ResolverAsync()).QueryAsync("loop1.example.test", DnsRecordType.A);

        Assert.Equal(DnsOutcome.ServerFailure, result.Outcome);
    }

    [RequiresFact("nsd=nsd")]
    public async Task A_chain_longer_than_the_limit_fails_and_a_higher_limit_follows_it()
    {
        var strict = await (await ResolverAsync()).QueryAsync("c0.example.test", DnsRecordType.A);
        var lenient = await (await ResolverAsync(o => o.MaxCnameChain = TestZones.LongChainLinks)).QueryAsync("c0.example.test", DnsRecordType.A);

        Assert.Equal(DnsOutcome.ServerFailure, strict.Outcome);
        Assert.Equal(DnsOutcome.Success, lenient.Outcome);
        Assert.Equal(TestZones.LongChainLinks, lenient.Aliases.Count);
    }

    [RequiresFact("nsd=nsd")]
    public async Task Nxdomain_and_nodata_are_told_apart()
    {
        var resolver = await ResolverAsync();

        var missing = await resolver.QueryAsync("missing.example.test", DnsRecordType.A);
        var noData = await resolver.QueryAsync("mx1.example.test", DnsRecordType.AAAA);

        Assert.Equal(DnsOutcome.NxDomain, missing.Outcome);
        Assert.Equal(DnsOutcome.NoData, noData.Outcome);
        Assert.IsType<SoaRecord>(Assert.Single(noData.Response!.Authorities));
    }

    [RequiresFact("nsd=nsd")]
    public async Task A_negative_answer_is_cached_for_the_zone_minimum()
    {
        var clock = new ManualClock();
        var resolver = await ResolverAsync(clock: clock);

        await resolver.QueryAsync("missing.example.test", DnsRecordType.A);
        clock.Advance(TimeSpan.FromSeconds(59));
        var cached = await resolver.QueryAsync("missing.example.test", DnsRecordType.A);
        clock.Advance(TimeSpan.FromSeconds(2));
        var fresh = await resolver.QueryAsync("missing.example.test", DnsRecordType.A);

        Assert.True(cached.FromCache);
        Assert.Equal(DnsOutcome.NxDomain, cached.Outcome);
        Assert.False(fresh.FromCache);
        Assert.Equal(DnsOutcome.NxDomain, fresh.Outcome);
    }

    [RequiresFact("nsd=nsd")]
    public async Task A_name_outside_the_served_zones_is_refused()
    {
        var result = await (await ResolverAsync()).QueryAsync("example.org", DnsRecordType.A);

        Assert.Equal(DnsOutcome.Refused, result.Outcome);
    }

    [RequiresFact("nsd=nsd")]
    public async Task A_referral_to_a_child_zone_is_not_an_answer()
    {
        var result = await (await ResolverAsync()).QueryAsync("www.child.example.test", DnsRecordType.A);

        Assert.Equal(DnsOutcome.ServerFailure, result.Outcome);
        Assert.Contains(result.Response!.Authorities, r => r is NsRecord { NameServer: "ns.child.example.test" });
    }

    [RequiresFact("nsd=nsd")]
    public async Task A_unicode_name_is_looked_up_as_its_a_label()
    {
        var result = await (await ResolverAsync()).ResolveAddressesAsync("bücher.example.test");

        Assert.Equal("xn--bcher-kva.example.test", result.Host);
        Assert.Equal(["192.0.2.40"], result.Addresses.Select(a => a.ToString()));
    }

    [RequiresFact("nsd=nsd")]
    public async Task Dnssec_and_other_record_types_parse_as_served()
    {
        var resolver = await ResolverAsync(o => o.RecursionDesired = false);

        var key = Assert.IsType<DnsKeyRecord>(Assert.Single((await resolver.QueryAsync("example.test", DnsRecordType.DNSKEY)).Records));
        var ds = Assert.IsType<DsRecord>(Assert.Single((await resolver.QueryAsync("child.example.test", DnsRecordType.DS)).Records));
        var srv = Assert.IsType<SrvRecord>(Assert.Single((await resolver.QueryAsync("_submission._tcp.example.test", DnsRecordType.SRV)).Records));
        var caa = Assert.IsType<CaaRecord>(Assert.Single((await resolver.QueryAsync("example.test", DnsRecordType.CAA)).Records));
        var soa = Assert.IsType<SoaRecord>(Assert.Single((await resolver.QueryAsync("example.test", DnsRecordType.SOA)).Records));
        var ns = Assert.IsType<NsRecord>(Assert.Single((await resolver.QueryAsync("example.test", DnsRecordType.NS)).Records));
        var ptr = Assert.IsType<PtrRecord>(Assert.Single((await resolver.QueryAsync("ptr.example.test", DnsRecordType.PTR)).Records));
        var weird = Assert.IsType<UnknownRecord>(Assert.Single((await resolver.QueryAsync("weird.example.test", (DnsRecordType)65400)).Records));

        Assert.Equal(60485, key.KeyTag);
        Assert.Equal(key.KeyTag, ds.KeyTag);
        Assert.Equal("2BB183AF5F22588179A53B0A98631FAD1A292118", Convert.ToHexString(ds.Digest.Span));
        Assert.Equal((587, "mx1.example.test"), ((int)srv.Port, srv.Target));
        Assert.Equal(("issue", "ca.example.net"), (caa.Tag, System.Text.Encoding.ASCII.GetString(caa.Value.Span)));
        Assert.Equal((2026010101u, 60u, "hostmaster.example.test"), (soa.Serial, soa.Minimum, soa.ResponsibleMailbox));
        Assert.Equal("ns1.example.test", ns.NameServer);
        Assert.Equal("mx1.example.test", ptr.Target);
        Assert.Equal("DEADBEEF", Convert.ToHexString(weird.Data.Span));
    }

    private async Task<DnsResolver> ResolverAsync(Action<DnsResolverOptions>? configure = null, TimeProvider? clock = null)
    {
        var server = await nsd.GetServerAsync();
        return TestResolvers.Create([server.EndPoint], o =>
        {
            o.Timeout = TimeSpan.FromSeconds(2);
            configure?.Invoke(o);
        }, clock);
    }
}
