using TldOps.Dns.Records;
using TldOps.Dns.Tests.Support;
using TldOps.Dns.Wire;

namespace TldOps.Dns.Tests.Wire;

public sealed class DnsMessageParseTests
{
    [Fact]
    public void A_compressed_response_reads_every_section()
    {
        var message = DnsMessage.Parse(Packets.CompressedMxResponse());

        Assert.Equal(0xBEEF, message.Header.Id);
        Assert.True(message.Header.IsResponse);
        Assert.True(message.Header.RecursionAvailable);
        Assert.False(message.Header.IsTruncated);
        Assert.Equal(DnsResponseCode.NoError, message.ResponseCode);
        Assert.Equal(new DnsQuestion("example.org", DnsRecordType.MX), Assert.Single(message.Questions));

        var mx = message.Answers.Cast<MxRecord>().ToList();
        Assert.Equal([(10, "mx1.example.org"), (20, "mx2.example.org")], mx.Select(r => ((int)r.Preference, r.Exchange)));
        Assert.All(mx, r => Assert.Equal("example.org", r.Name));
        Assert.All(mx, r => Assert.Equal(3600u, r.TimeToLive));

        var glue = Assert.IsType<ARecord>(Assert.Single(message.Additionals));
        Assert.Equal("mx1.example.org", glue.Name);
        Assert.Equal("192.0.2.1", glue.Address.ToString());

        Assert.NotNull(message.Edns);
        Assert.Equal(1232, message.Edns.UdpPayloadSize);
        Assert.True(message.Edns.DnssecOk);
        Assert.Equal(0, message.Edns.Version);
        Assert.Equal(Packets.CompressedMxResponse().Length, message.Length);
    }

    [Fact]
    public void Every_strict_prefix_of_a_valid_response_fails_cleanly()
    {
        var packet = Packets.CompressedMxResponse();
        for (var length = 0; length < packet.Length; length++)
        {
            var prefix = packet.AsSpan(0, length);
            Assert.False(DnsMessage.TryParse(prefix, out _), $"prefix of {length} bytes parsed");
            var error = Assert.Throws<DnsFormatException>(() => DnsMessage.Parse(packet.AsSpan(0, length)));
            Assert.Equal(DnsFormatError.Truncated, error.Error);
            Assert.InRange(error.Offset, 0, length);
            Assert.Contains($"offset {error.Offset}", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Bytes_after_the_last_record_are_ignored()
    {
        byte[] packet = [.. Packets.CompressedMxResponse(), 0xFF, 0x00, 0xC0];

        var message = DnsMessage.Parse(packet);

        Assert.Equal(2, message.Answers.Count);
    }

    [Fact]
    public void A_pointer_to_itself_is_rejected()
    {
        var packet = new PacketBuilder().Header(1, 0x8180, 1, 0).Pointer(12).U16(1).U16(1).ToArray();

        var error = Assert.Throws<DnsFormatException>(() => DnsMessage.Parse(packet));

        Assert.Equal(DnsFormatError.ForwardPointer, error.Error);
        Assert.Equal(12, error.Offset);
    }

    [Fact]
    public void A_pointer_back_into_its_own_name_cannot_loop()
    {
        // "a" then a pointer to the name's own start: backwards from the pointer, but not from the segment.
        var packet = new PacketBuilder().Header(1, 0x8180, 1, 0).Label("a").Pointer(12).U16(1).U16(1).ToArray();

        var error = Assert.Throws<DnsFormatException>(() => DnsMessage.Parse(packet));

        Assert.Equal(DnsFormatError.ForwardPointer, error.Error);
        Assert.Equal(14, error.Offset);
    }

    [Fact]
    public void Two_pointers_pointing_at_each_other_are_rejected()
    {
        // Question name at 12 is "x" + pointer to the record's owner at 20, which points back to 12.
        var b = new PacketBuilder().Header(1, 0x8180, 1, 1);
        b.Label("x").Pointer(20).U16(1).U16(1);
        b.Record(x => x.Pointer(12), 1, 60, x => x.Bytes(192, 0, 2, 1));

        var error = Assert.Throws<DnsFormatException>(() => DnsMessage.Parse(b.ToArray()));

        Assert.Equal(DnsFormatError.ForwardPointer, error.Error);
        Assert.Equal(14, error.Offset);
    }

    [Fact]
    public void A_forward_pointer_is_rejected()
    {
        // The question's name points at the answer's owner name, written after it.
        var b = new PacketBuilder().Header(1, 0x8180, 1, 1);
        b.Pointer(18).U16(1).U16(1);
        b.Record("example.org", 1, 60, x => x.Bytes(192, 0, 2, 1));

        var error = Assert.Throws<DnsFormatException>(() => DnsMessage.Parse(b.ToArray()));

        Assert.Equal(DnsFormatError.ForwardPointer, error.Error);
        Assert.Equal(12, error.Offset);
    }

    [Fact]
    public void A_pointer_into_the_header_is_rejected()
    {
        var b = new PacketBuilder().Header(1, 0x8180, 1, 1).Question("example.org", 1);
        b.Record(x => x.Pointer(4), 1, 60, x => x.Bytes(192, 0, 2, 1));

        var error = Assert.Throws<DnsFormatException>(() => DnsMessage.Parse(b.ToArray()));

        Assert.Equal(DnsFormatError.PointerIntoHeader, error.Error);
    }

    [Theory]
    [InlineData(0x40)]
    [InlineData(0x80)]
    [InlineData(0xBF)]
    public void Reserved_label_types_are_rejected(byte prefix)
    {
        var packet = new PacketBuilder().Header(1, 0x8180, 1, 0).U8(prefix).U8(0).U16(1).U16(1).ToArray();

        var error = Assert.Throws<DnsFormatException>(() => DnsMessage.Parse(packet));

        Assert.Equal(DnsFormatError.ReservedLabelType, error.Error);
        Assert.Equal(12, error.Offset);
    }

    [Fact]
    public void A_name_of_255_octets_is_read_and_one_of_256_is_rejected()
    {
        var longest = string.Join('.', new string('a', 63), new string('b', 63), new string('c', 63), new string('d', 61));
        var tooLong = string.Join('.', new string('a', 63), new string('b', 63), new string('c', 63), new string('d', 62));

        var ok = DnsMessage.Parse(new PacketBuilder().Header(1, 0x8180, 1, 0).Question(longest, 1).ToArray());
        var error = Assert.Throws<DnsFormatException>(
            () => DnsMessage.Parse(new PacketBuilder().Header(1, 0x8180, 1, 0).Question(tooLong, 1).ToArray()));

        Assert.Equal(longest, ok.Questions[0].Name);
        Assert.Equal(DnsFormatError.NameTooLong, error.Error);
    }

    [Fact]
    public void A_name_grown_past_255_octets_through_a_pointer_is_rejected()
    {
        // 250 octets in the question, then an owner that prepends a 10-octet label to it.
        var suffix = string.Join('.', new string('a', 63), new string('b', 63), new string('c', 63), new string('d', 56));
        var b = new PacketBuilder().Header(1, 0x8180, 1, 1).Question(suffix, 1);
        b.Record(x => x.Label("0123456789").Pointer(12), 1, 60, x => x.Bytes(192, 0, 2, 1));

        var error = Assert.Throws<DnsFormatException>(() => DnsMessage.Parse(b.ToArray()));

        Assert.Equal(DnsFormatError.NameTooLong, error.Error);
    }

    [Fact]
    public void Pointer_hops_beyond_the_limit_are_rejected()
    {
        // Owner names chain: record 3 -> record 2 -> record 1 -> question (three hops for the last one).
        var b = new PacketBuilder().Header(1, 0x8180, 1, 3).Question("example.org", 1);
        var previous = 12;
        for (var i = 0; i < 3; i++)
        {
            var owner = b.Position;
            var target = previous;
            b.Record(x => x.Pointer(target), 1, 60, x => x.Bytes(192, 0, 2, (byte)i));
            previous = owner;
        }

        var packet = b.ToArray();
        var strict = DnsParserOptions.Default.Clone();
        strict.MaxPointerHops = 2;

        Assert.Equal(3, DnsMessage.Parse(packet).Answers.Count);
        Assert.Equal(DnsFormatError.TooManyPointers, Assert.Throws<DnsFormatException>(() => DnsMessage.Parse(packet, strict)).Error);
    }

    [Fact]
    public void A_header_announcing_too_many_records_fails_before_reading_them()
    {
        var packet = new PacketBuilder().Header(1, 0x8180, 1, 0xFFFF).Question("example.org", 1).ToArray();

        var error = Assert.Throws<DnsFormatException>(() => DnsMessage.Parse(packet));

        Assert.Equal(DnsFormatError.TooManyRecords, error.Error);
        Assert.Equal(4, error.Offset);
    }

    [Fact]
    public void The_record_count_limit_is_an_option()
    {
        var packet = Packets.CompressedMxResponse(); // 1 question + 4 records
        var options = DnsParserOptions.Default.Clone();
        options.MaxRecordCount = 4;

        Assert.Equal(DnsFormatError.TooManyRecords, Assert.Throws<DnsFormatException>(() => DnsMessage.Parse(packet, options)).Error);
        options.MaxRecordCount = 5;
        Assert.Equal(2, DnsMessage.Parse(packet, options).Answers.Count);
    }

    [Fact]
    public void A_message_over_the_size_limit_is_rejected()
    {
        var packet = Packets.CompressedMxResponse();
        var options = DnsParserOptions.Default.Clone();
        options.MaxMessageSize = packet.Length - 1;

        var error = Assert.Throws<DnsFormatException>(() => DnsMessage.Parse(packet, options));

        Assert.Equal(DnsFormatError.MessageTooLarge, error.Error);
    }

    [Fact]
    public void Default_parser_options_are_frozen_and_clones_are_not()
    {
        Assert.True(DnsParserOptions.Default.IsFrozen);
        Assert.Throws<InvalidOperationException>(() => DnsParserOptions.Default.MaxRecordCount = 1);

        var clone = DnsParserOptions.Default.Clone();
        clone.MaxRecordCount = 1;

        Assert.False(clone.IsFrozen);
        Assert.Equal(1, clone.MaxRecordCount);
        Assert.Equal(4096, DnsParserOptions.Default.MaxRecordCount);
        Assert.Throws<ArgumentOutOfRangeException>(() => clone.MaxMessageSize = 11);
    }

    [Fact]
    public void A_ttl_with_the_top_bit_set_reads_as_zero()
    {
        var b = new PacketBuilder().Header(1, 0x8180, 1, 1).Question("example.org", 1);
        b.Record(x => x.Pointer(12), 1, 0x80000001, x => x.Bytes(192, 0, 2, 1));

        var record = Assert.Single(DnsMessage.Parse(b.ToArray()).Answers);

        Assert.Equal(0u, record.TimeToLive);
    }

    [Fact]
    public void Labels_with_dots_backslashes_and_binary_octets_are_escaped()
    {
        var packet = new PacketBuilder().Header(1, 0x8180, 1, 0)
            .U8(7).Bytes((byte)'a', (byte)'.', (byte)'b', 0, (byte)' ', (byte)'\\', 0xFF).Label("org").U8(0).U16(16).U16(1)
            .ToArray();

        var name = DnsMessage.Parse(packet).Questions[0].Name;

        Assert.Equal(@"a\.b\000\032\\\255.org", name);
        Span<byte> wire = stackalloc byte[255];
        Assert.True(DnsName.TryEncode(name, wire, out var written, out _));
        Assert.Equal(packet.AsSpan(12, 13).ToArray(), wire[..written].ToArray());
    }

    [Fact]
    public void The_root_name_reads_as_a_dot()
    {
        var packet = new PacketBuilder().Header(1, 0x8180, 1, 0).Question(".", 2).ToArray();

        Assert.Equal(".", DnsMessage.Parse(packet).Questions[0].Name);
    }

    [Fact]
    public void The_extended_response_code_combines_the_opt_bits()
    {
        var b = new PacketBuilder().Header(1, 0x8180, 1, 0, 0, 1).Question("example.org", 1);
        b.Record(".", 41, 0x01000000, _ => { }, @class: 4096);

        var message = DnsMessage.Parse(b.ToArray());

        Assert.Equal(DnsResponseCode.BadVersion, message.ResponseCode);
        Assert.Equal(4096, message.Edns!.UdpPayloadSize);
        Assert.False(message.Edns.DnssecOk);
    }

    [Fact]
    public void Edns_options_are_kept_raw()
    {
        var b = new PacketBuilder().Header(1, 0x8180, 1, 0, 0, 1).Question("example.org", 1);
        b.Record(".", 41, 0, x => x.U16(10).U16(8).Bytes(1, 2, 3, 4, 5, 6, 7, 8).U16(15).U16(2).U16(18), @class: 1232);

        var options = DnsMessage.Parse(b.ToArray()).Edns!.Options;

        Assert.Equal([10, 15], options.Select(o => (int)o.Code));
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }, options[0].Data.ToArray());
        Assert.Equal(new byte[] { 0, 18 }, options[1].Data.ToArray());
    }

    [Fact]
    public void An_opt_record_outside_the_additional_section_is_rejected()
    {
        var b = new PacketBuilder().Header(1, 0x8180, 1, 1).Question("example.org", 1);
        b.Record(".", 41, 0, _ => { }, @class: 1232);

        Assert.Equal(DnsFormatError.InvalidOpt, Assert.Throws<DnsFormatException>(() => DnsMessage.Parse(b.ToArray())).Error);
    }

    [Fact]
    public void A_second_opt_record_is_rejected()
    {
        var b = new PacketBuilder().Header(1, 0x8180, 1, 0, 0, 2).Question("example.org", 1);
        b.Record(".", 41, 0, _ => { }, @class: 1232);
        b.Record(".", 41, 0, _ => { }, @class: 1232);

        Assert.Equal(DnsFormatError.InvalidOpt, Assert.Throws<DnsFormatException>(() => DnsMessage.Parse(b.ToArray())).Error);
    }

    [Fact]
    public void An_opt_record_not_owned_by_the_root_is_rejected()
    {
        var b = new PacketBuilder().Header(1, 0x8180, 1, 0, 0, 1).Question("example.org", 1);
        b.Record(x => x.Pointer(12), 41, 0, _ => { }, @class: 1232);

        Assert.Equal(DnsFormatError.InvalidOpt, Assert.Throws<DnsFormatException>(() => DnsMessage.Parse(b.ToArray())).Error);
    }

    [Fact]
    public void An_edns_option_longer_than_the_opt_data_is_rejected()
    {
        var b = new PacketBuilder().Header(1, 0x8180, 1, 0, 0, 1).Question("example.org", 1);
        b.Record(".", 41, 0, x => x.U16(10).U16(9).Bytes(1, 2, 3), @class: 1232);

        Assert.Equal(DnsFormatError.InvalidOpt, Assert.Throws<DnsFormatException>(() => DnsMessage.Parse(b.ToArray())).Error);
    }

    [Fact]
    public void A_record_whose_length_overruns_the_message_is_truncated()
    {
        var b = new PacketBuilder().Header(1, 0x8180, 1, 1).Question("example.org", 1);
        b.Pointer(12).U16(1).U16(1).U32(60).U16(8).Bytes(192, 0, 2, 1);

        var error = Assert.Throws<DnsFormatException>(() => DnsMessage.Parse(b.ToArray()));

        Assert.Equal(DnsFormatError.Truncated, error.Error);
        Assert.Equal(b.Position - 4, error.Offset);
    }
}
