using TldOps.Dns.Wire;

namespace TldOps.Dns.Tests.Wire;

public sealed class DnsQueryTests
{
    [Fact]
    public void A_query_with_edns_has_the_expected_bytes()
    {
        var query = new DnsQuery(0x1234, new DnsQuestion("example.org", DnsRecordType.MX));

        byte[] expected =
        [
            0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
            7, (byte)'e', (byte)'x', (byte)'a', (byte)'m', (byte)'p', (byte)'l', (byte)'e', 3, (byte)'o', (byte)'r', (byte)'g', 0,
            0x00, 0x0F, 0x00, 0x01,
            0x00, 0x00, 0x29, 0x04, 0xD0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        ];
        Assert.Equal(expected, query.ToArray());
        Assert.Equal(expected.Length, query.Length);
    }

    [Fact]
    public void The_do_bit_and_payload_size_round_trip_through_the_parser()
    {
        var query = new DnsQuery(7, new DnsQuestion("_dmarc.example.org", DnsRecordType.TXT))
        {
            DnssecOk = true,
            UdpPayloadSize = 4096,
            CheckingDisabled = true,
        };

        var parsed = DnsMessage.Parse(query.ToArray());

        Assert.Equal(7, parsed.Header.Id);
        Assert.False(parsed.Header.IsResponse);
        Assert.True(parsed.Header.RecursionDesired);
        Assert.True(parsed.Header.CheckingDisabled);
        Assert.Equal(new DnsQuestion("_dmarc.example.org", DnsRecordType.TXT), Assert.Single(parsed.Questions));
        Assert.Equal(4096, parsed.Edns!.UdpPayloadSize);
        Assert.True(parsed.Edns.DnssecOk);
    }

    [Fact]
    public void A_query_without_edns_has_no_additional_record()
    {
        var query = new DnsQuery(1, new DnsQuestion("example.org", DnsRecordType.A)) { UseEdns = false, RecursionDesired = false };

        var parsed = DnsMessage.Parse(query.ToArray());

        Assert.Equal(12 + 13 + 4, query.Length);
        Assert.Equal(0, parsed.Header.AdditionalCount);
        Assert.Null(parsed.Edns);
        Assert.False(parsed.Header.RecursionDesired);
    }

    [Fact]
    public void The_root_can_be_queried()
    {
        var parsed = DnsMessage.Parse(new DnsQuery(1, new DnsQuestion(".", DnsRecordType.NS)).ToArray());

        Assert.Equal(".", parsed.Questions[0].Name);
    }

    [Theory]
    [InlineData("a..b")]
    [InlineData("bücher.example")]
    public void Names_that_are_not_ascii_presentation_form_are_refused(string name)
    {
        Assert.Throws<ArgumentException>(() => new DnsQuery(1, new DnsQuestion(name, DnsRecordType.A)));
    }

    [Fact]
    public void A_payload_size_below_512_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DnsQuery(1, new DnsQuestion("example.org", DnsRecordType.A)) { UdpPayloadSize = 511 });
    }

    [Fact]
    public void Writing_into_a_short_buffer_is_refused()
    {
        var query = new DnsQuery(1, new DnsQuestion("example.org", DnsRecordType.A));

        Assert.Throws<ArgumentException>(() => query.WriteTo(new byte[query.Length - 1]));
    }
}
