namespace TldOps.Dns.Tests.Support;

/// <summary>The zones the NSD integration tests serve. The DNSKEY is RFC 4034 §5.4's example (key tag 60485).</summary>
internal static class TestZones
{
    public const string ExampleTest = """
        $ORIGIN example.test.
        $TTL 300
        @                 SOA   ns1 hostmaster 2026010101 3600 600 86400 60
        @                 NS    ns1
        @                 MX    10 mx1
        @                 MX    10 mx2
        @                 MX    20 backup
        @                 TXT   "v=spf1 mx -all"
        @                 CAA   0 issue "ca.example.net"
        @                 DNSKEY 256 3 5 ( AQOeiiR0GOMYkDshWoSKz9XzfwJr1AYtsmx3TGkJaNXVbfi/
                                           2pHm822aJ5iI9BMzNXxeYCmZDRD99WYwYqUSdjMmmAphXdvx
                                           egXd/M5+X7OrzKBaMbCVdFLUUh6DhweJBjEVv5f2wwjM9Xzc
                                           nOf+EPbtG9DMBmADjFDc2w/rljwvFw== )
        ns1               A     127.0.0.1
        mx1               A     192.0.2.1
        mx2               AAAA  2001:db8::2
        backup            A     192.0.2.3
        backup            AAAA  2001:db8::3
        implicit          A     192.0.2.10
        implicit          AAAA  2001:db8::10
        nullmx            MX    0 .
        nullmx            A     192.0.2.11
        nomail            TXT   "neither MX nor address"
        sel._domainkey    TXT   "v=DKIM1; k=rsa; " "p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQ"
        _dmarc            TXT   "v=DMARC1; p=reject"
        alias1            CNAME alias2
        alias2            CNAME alias3
        alias3            CNAME target
        target            A     192.0.2.30
        target            MX    5 mx1
        loop1             CNAME loop2
        loop2             CNAME loop1
        mxalias           CNAME implicit
        xn--bcher-kva     A     192.0.2.40
        _submission._tcp  SRV   0 1 587 mx1
        ptr               PTR   mx1
        weird             TYPE65400 \# 4 DEADBEEF
        child             NS    ns.child
        child             DS    60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118
        ns.child          A     192.0.2.50
        """;

    /// <summary>The strings of big.example.test's TXT record: 8 × 250 octets, too large for a 1232-byte UDP answer.</summary>
    public static IReadOnlyList<string> BigTxtStrings { get; } =
        [.. Enumerable.Range(0, 8).Select(i => new string((char)('a' + i), 250))];

    /// <summary>The length of the CNAME chain c0 → c1 → … → c10, which ends in an A record.</summary>
    public const int LongChainLinks = 10;

    public static IReadOnlyDictionary<string, string> All { get; } = new Dictionary<string, string>
    {
        ["example.test"] = ExampleTest + "\n" + Generated(),
    };

    private static string Generated()
    {
        var big = "big TXT " + string.Join(' ', BigTxtStrings.Select(s => $"\"{s}\"")) + "\n";
        var chain = string.Concat(Enumerable.Range(0, LongChainLinks).Select(i => $"c{i} CNAME c{i + 1}\n"));
        return big + chain + $"c{LongChainLinks} A 192.0.2.60\n";
    }
}
