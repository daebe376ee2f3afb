using TldOps.Dns.Wire;

namespace TldOps.Dns.Tests.Wire;

public sealed class DnsNameTests
{
    [Theory]
    [InlineData("example.org", "example.org")]
    [InlineData("Example.ORG.", "Example.ORG")]
    [InlineData("_dmarc.example.org", "_dmarc.example.org")]
    [InlineData("sel._domainkey.example.org", "sel._domainkey.example.org")]
    [InlineData("bücher.example", "xn--bcher-kva.example")]
    [InlineData("BÜCHER.example.", "xn--bcher-kva.example")]
    [InlineData("例え。テスト", "xn--r8jz45g.xn--zckzah")]
    [InlineData("münchen.de", "xn--mnchen-3ya.de")]
    [InlineData(".", ".")]
    public void Names_convert_to_ascii(string name, string expected)
    {
        Assert.Equal(expected, DnsName.ToAscii(name));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a..b")]
    [InlineData(".example.org")]
    [InlineData("exa mple.org")]
    [InlineData("example.org\\")]
    [InlineData("a\\25x.org")]
    [InlineData("a\\256.org")]
    [InlineData("bad\u0000label.org")]
    public void Invalid_names_are_rejected_with_the_reason(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => DnsName.ToAscii(name));

        Assert.Contains("is not a valid DNS name", error.Message, StringComparison.Ordinal);
        Assert.False(DnsName.TryToAscii(name, out _));
    }

    [Fact]
    public void A_label_of_63_octets_passes_and_64_fails()
    {
        var ok = new string('a', 63) + ".org";
        var tooLong = new string('a', 64) + ".org";

        Assert.Equal(ok, DnsName.ToAscii(ok));
        Assert.Contains("63", Assert.Throws<ArgumentException>(() => DnsName.ToAscii(tooLong)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_of_253_characters_fits_255_octets_and_254_does_not()
    {
        // 253 presentation characters are 255 wire octets (one length octet per label, plus the root).
        var ok = string.Join('.', new string('a', 63), new string('b', 63), new string('c', 63), new string('d', 61));
        var tooLong = ok + "e";

        Assert.Equal(253, ok.Length);
        Assert.Equal(ok, DnsName.ToAscii(ok));
        Assert.Contains("255", Assert.Throws<ArgumentException>(() => DnsName.ToAscii(tooLong)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Escapes_encode_to_the_octets_they_name()
    {
        Span<byte> wire = stackalloc byte[255];

        Assert.True(DnsName.TryEncode(@"a\.b\065.org", wire, out var written, out _));

        Assert.Equal(new byte[] { 4, (byte)'a', (byte)'.', (byte)'b', (byte)'A', 3, (byte)'o', (byte)'r', (byte)'g', 0 }, wire[..written].ToArray());
    }

    [Theory]
    [InlineData("example.org", "EXAMPLE.org.", true)]
    [InlineData("example.org", "example.net", false)]
    [InlineData(@"a\.", "a", false)]
    [InlineData(".", ".", true)]
    public void Names_compare_case_insensitively_ignoring_a_trailing_dot(string left, string right, bool equal)
    {
        Assert.Equal(equal, DnsName.AreEqual(left, right));
    }
}
