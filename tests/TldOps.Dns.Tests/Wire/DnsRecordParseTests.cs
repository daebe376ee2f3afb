using System.Text;
using TldOps.Dns.Records;
using TldOps.Dns.Tests.Support;
using TldOps.Dns.Wire;

namespace TldOps.Dns.Tests.Wire;

public sealed class DnsRecordParseTests
{
    // RFC 4034 §5.4: the example DNSKEY (key tag 60485) and its SHA-1 DS.
    private const string Rfc4034Key =
        "AQOeiiR0GOMYkDshWoSKz9XzfwJr1AYtsmx3TGkJaNXVbfi/2pHm822aJ5iI9BMzNXxeYCmZDRD99WYwYqUSdjMmmAphXdvx" +
        "egXd/M5+X7OrzKBaMbCVdFLUUh6DhweJBjEVv5f2wwjM9XzcnOf+EPbtG9DMBmADjFDc2w/rljwvFw==";

    [Fact]
    public void A_and_aaaa_records_hold_addresses()
    {
        var a = Assert.IsType<ARecord>(ParseAnswer(1, x => x.Bytes(192, 0, 2, 33)));
        var aaaa = Assert.IsType<AaaaRecord>(ParseAnswer(28, x => x.Bytes(0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1)));

        Assert.Equal("192.0.2.33", a.Address.ToString());
        Assert.Equal("2001:db8::1", aaaa.Address.ToString());
        Assert.Equal("host.example.org. 300 IN A 192.0.2.33", a.ToString());
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(1, 5)]
    [InlineData(28, 4)]
    public void An_address_of_the_wrong_length_is_invalid(ushort type, int length)
    {
        var error = Assert.Throws<DnsFormatException>(() => ParseAnswer(type, x => x.Bytes(new byte[length])));

        Assert.Equal(DnsFormatError.InvalidRecordData, error.Error);
    }

    [Fact]
    public void Name_records_read_compressed_targets()
    {
        Assert.Equal("target.host.example.org", Assert.IsType<CNameRecord>(ParseAnswer(5, x => x.Label("target").Pointer(12))).Target);
        Assert.Equal("ns1.host.example.org", Assert.IsType<NsRecord>(ParseAnswer(2, x => x.Label("ns1").Pointer(12))).NameServer);
        Assert.Equal("ptr.host.example.org", Assert.IsType<PtrRecord>(ParseAnswer(12, x => x.Label("ptr").Pointer(12))).Target);
    }

    [Fact]
    public void A_name_running_past_its_rdata_is_invalid()
    {
        // RDLENGTH 3 covers "\x03ns1" but not the name's end; the bytes after belong to nobody.
        var b = new PacketBuilder().Header(1, 0x8180, 1, 1).Question("host.example.org", 2);
        b.Pointer(12).U16(2).U16(1).U32(60).U16(3).Label("ns1").U8(0);

        var error = Assert.Throws<DnsFormatException>(() => DnsMessage.Parse(b.ToArray()));

        Assert.Equal(DnsFormatError.InvalidRecordData, error.Error);
    }

    [Fact]
    public void A_name_shorter_than_its_rdata_is_invalid()
    {
        var error = Assert.Throws<DnsFormatException>(() => ParseAnswer(5, x => x.Label("a").U8(0).U8(0xAA)));

        Assert.Equal(DnsFormatError.InvalidRecordData, error.Error);
    }

    [Fact]
    public void Mx_records_know_the_null_mx()
    {
        var mx = Assert.IsType<MxRecord>(ParseAnswer(15, x => x.U16(0).U8(0)));

        Assert.Equal(0, mx.Preference);
        Assert.Equal(".", mx.Exchange);
        Assert.True(mx.IsNullMx);
        Assert.Equal("host.example.org. 300 IN MX 0 .", mx.ToString());
    }

    [Fact]
    public void Txt_strings_stay_apart_and_join_without_separator()
    {
        var txt = Assert.IsType<TxtRecord>(ParseAnswer(16, x => x.Label("v=DKIM1; k=rsa; ").Label("p=MIGf").U8(0).Label("MA0")));

        Assert.Equal(["v=DKIM1; k=rsa; ", "p=MIGf", "", "MA0"], txt.Strings.Select(s => Encoding.ASCII.GetString(s.Span)));
        Assert.Equal("v=DKIM1; k=rsa; p=MIGfMA0", txt.JoinText());
        Assert.Equal(Encoding.ASCII.GetBytes("v=DKIM1; k=rsa; p=MIGfMA0"), txt.JoinBytes());
    }

    [Fact]
    public void Txt_strings_keep_binary_octets_and_print_them_escaped()
    {
        var txt = Assert.IsType<TxtRecord>(ParseAnswer(16, x => x.U8(4).Bytes((byte)'"', 0x00, 0xE9, (byte)'\\')));

        Assert.Equal(new byte[] { (byte)'"', 0x00, 0xE9, (byte)'\\' }, txt.JoinBytes());
        Assert.Equal("host.example.org. 300 IN TXT \"\\\"\\000\\233\\\\\"", txt.ToString());
    }

    [Fact]
    public void A_txt_string_overrunning_its_rdata_is_invalid()
    {
        var error = Assert.Throws<DnsFormatException>(() => ParseAnswer(16, x => x.U8(10).Text("short")));

        Assert.Equal(DnsFormatError.InvalidRecordData, error.Error);
    }

    [Fact]
    public void Soa_records_read_all_seven_fields()
    {
        var soa = Assert.IsType<SoaRecord>(ParseAnswer(6, x => x.Label("ns1").Pointer(12).Label("hostmaster").Pointer(12)
            .U32(2024010101).U32(3600).U32(600).U32(86400).U32(60)));

        Assert.Equal(("ns1.host.example.org", "hostmaster.host.example.org"), (soa.PrimaryServer, soa.ResponsibleMailbox));
        Assert.Equal((2024010101u, 3600u, 600u, 86400u, 60u), (soa.Serial, soa.Refresh, soa.Retry, soa.Expire, soa.Minimum));
    }

    [Fact]
    public void Srv_records_read_priority_weight_port_and_target()
    {
        var srv = Assert.IsType<SrvRecord>(ParseAnswer(33, x => x.U16(10).U16(60).U16(5060).Name("sip.example.org")));

        Assert.Equal((10, 60, 5060, "sip.example.org"), ((int)srv.Priority, (int)srv.Weight, (int)srv.Port, srv.Target));
    }

    [Fact]
    public void The_rfc4034_dnskey_has_key_tag_60485()
    {
        var key = Convert.FromBase64String(Rfc4034Key);
        var record = Assert.IsType<DnsKeyRecord>(ParseAnswer(48, x => x.U16(256).U8(3).U8(5).Bytes(key)));

        Assert.Equal(60485, record.KeyTag);
        Assert.True(record.IsZoneKey);
        Assert.False(record.IsSecureEntryPoint);
        Assert.Equal((3, 5), ((int)record.Protocol, (int)record.Algorithm));
        Assert.Equal(key, record.PublicKey.ToArray());
        Assert.EndsWith("IN DNSKEY 256 3 5 " + Rfc4034Key, record.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_rfc4034_ds_reads_its_digest()
    {
        var digest = Convert.FromHexString("2BB183AF5F22588179A53B0A98631FAD1A292118");
        var ds = Assert.IsType<DsRecord>(ParseAnswer(43, x => x.U16(60485).U8(5).U8(1).Bytes(digest)));

        Assert.Equal((60485, 5, 1), ((int)ds.KeyTag, (int)ds.Algorithm, (int)ds.DigestType));
        Assert.Equal(digest, ds.Digest.ToArray());
        Assert.EndsWith("DS 60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118", ds.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Rrsig_records_read_every_field()
    {
        var rrsig = Assert.IsType<RrsigRecord>(ParseAnswer(46, x => x.U16(1).U8(13).U8(3).U32(3600)
            .U32(1767225600).U32(1764547200).U16(2642).Name("example.org").Bytes(1, 2, 3, 4)));

        Assert.Equal(DnsRecordType.A, rrsig.TypeCovered);
        Assert.Equal((13, 3, 3600u, 2642), ((int)rrsig.Algorithm, (int)rrsig.Labels, rrsig.OriginalTimeToLive, (int)rrsig.KeyTag));
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), rrsig.Expiration);
        Assert.Equal(new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.Zero), rrsig.Inception);
        Assert.Equal("example.org", rrsig.SignerName);
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, rrsig.Signature.ToArray());
        Assert.Contains("RRSIG A 13 3 3600 20260101000000 20251201000000 2642 example.org. AQIDBA==", rrsig.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_rfc4034_nsec_type_bitmap_reads_as_its_types()
    {
        // RFC 4034 §4.3: "alfa.example.com. NSEC host.example.com. A MX RRSIG NSEC TYPE1234".
        var bitmap = new byte[] { 0x00, 0x06, 0x40, 0x01, 0x00, 0x00, 0x00, 0x03, 0x04, 0x1B }
            .Concat(new byte[26]).Append((byte)0x20).ToArray();
        var nsec = Assert.IsType<NsecRecord>(ParseAnswer(47, x => x.Name("host.example.com").Bytes(bitmap)));

        Assert.Equal("host.example.com", nsec.NextDomainName);
        Assert.Equal([DnsRecordType.A, DnsRecordType.MX, DnsRecordType.RRSIG, DnsRecordType.NSEC, (DnsRecordType)1234], nsec.Types);
        Assert.EndsWith("NSEC host.example.com. A MX RRSIG NSEC TYPE1234", nsec.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0x00 })]
    [InlineData(new byte[] { 0x00, 0x21 })]
    [InlineData(new byte[] { 0x01, 0x01, 0x40, 0x00, 0x01, 0x40 })]
    [InlineData(new byte[] { 0x00, 0x02, 0x40 })]
    public void Bad_type_bitmaps_are_invalid(byte[] bitmap)
    {
        var error = Assert.Throws<DnsFormatException>(() => ParseAnswer(47, x => x.Name("next.example.org").Bytes(bitmap)));

        Assert.Equal(DnsFormatError.InvalidRecordData, error.Error);
    }

    [Fact]
    public void Nsec3_records_read_salt_hash_and_types()
    {
        var hash = Enumerable.Range(1, 20).Select(i => (byte)i).ToArray();
        var nsec3 = Assert.IsType<Nsec3Record>(ParseAnswer(50, x => x.U8(1).U8(1).U16(0).U8(2).Bytes(0xAB, 0xCD)
            .U8(20).Bytes(hash).Bytes(0x00, 0x01, 0x40)));

        Assert.Equal((1, 1, 0), ((int)nsec3.HashAlgorithm, (int)nsec3.Flags, (int)nsec3.Iterations));
        Assert.True(nsec3.IsOptOut);
        Assert.Equal(new byte[] { 0xAB, 0xCD }, nsec3.Salt.ToArray());
        Assert.Equal(hash, nsec3.NextHashedOwnerName.ToArray());
        Assert.Equal([DnsRecordType.A], nsec3.Types);
        Assert.Contains("NSEC3 1 1 0 ABCD 041061050O3GG28A1C60Q3GF208H44OK A", nsec3.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Caa_records_read_flags_tag_and_value()
    {
        var caa = Assert.IsType<CaaRecord>(ParseAnswer(257, x => x.U8(128).Label("issue").Text("ca.example.net")));

        Assert.True(caa.IsCritical);
        Assert.Equal("issue", caa.Tag);
        Assert.Equal("ca.example.net", Encoding.ASCII.GetString(caa.Value.Span));
        Assert.EndsWith("CAA 128 issue \"ca.example.net\"", caa.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_caa_record_with_an_empty_tag_is_invalid()
    {
        Assert.Equal(DnsFormatError.InvalidRecordData,
            Assert.Throws<DnsFormatException>(() => ParseAnswer(257, x => x.U8(0).U8(0).Text("x"))).Error);
    }

    [Fact]
    public void Unknown_types_are_kept_raw()
    {
        var unknown = Assert.IsType<UnknownRecord>(ParseAnswer(65400, x => x.Bytes(0xDE, 0xAD, 0xBE, 0xEF)));

        Assert.Equal((DnsRecordType)65400, unknown.Type);
        Assert.Equal(new byte[] { 0xDE, 0xAD, 0xBE, 0xEF }, unknown.Data.ToArray());
        Assert.Equal(@"host.example.org. 300 IN TYPE65400 \# 4 DEADBEEF", unknown.ToString());
    }

    [Fact]
    public void The_class_is_kept()
    {
        var b = new PacketBuilder().Header(1, 0x8180, 1, 1).Question("version.bind", 16, 3);
        b.Record(x => x.Pointer(12), 16, 0, x => x.Label("NSD"), @class: 3);

        var record = Assert.Single(DnsMessage.Parse(b.ToArray()).Answers);

        Assert.Equal(DnsClass.CH, record.Class);
        Assert.Equal("version.bind. 0 CH TXT \"NSD\"", record.ToString());
    }

    /// <summary>Parses a response to "host.example.org" with one answer of the given type and RDATA.</summary>
    private static DnsRecord ParseAnswer(ushort type, Action<PacketBuilder> data)
    {
        var b = new PacketBuilder().Header(7, 0x8180, 1, 1).Question("host.example.org", type);
        b.Record(x => x.Pointer(12), type, 300, data);
        var message = DnsMessage.Parse(b.ToArray());
        return Assert.Single(message.Answers);
    }
}
