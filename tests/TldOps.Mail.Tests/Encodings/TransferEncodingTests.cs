using System.Text;
using TldOps.Mail.Encodings;

namespace TldOps.Mail.Tests.Encodings;

public sealed class TransferEncodingTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(57)]
    [InlineData(58)]
    [InlineData(10_000)]
    public void Base64_round_trips_random_bytes_in_lines_of_at_most_76(int length)
    {
        var data = new byte[length];
        new Random(length).NextBytes(data);

        var encoded = Base64Codec.Encode(data);

        Assert.All(Encoding.ASCII.GetString(encoded).Split("\r\n"), line => Assert.InRange(line.Length, 0, 76));
        Assert.Equal(data, Base64Codec.Decode(encoded));
    }

    [Theory]
    [InlineData("QUJD\r\nREVG", "ABCDEF")]
    [InlineData("QU JD*RE!VG", "ABCDEF")]
    [InlineData("QUJDRA", "ABCD")]
    [InlineData("QUJDRA=", "ABCD")]
    [InlineData("QUJDRA==", "ABCD")]
    [InlineData("QQ==QUJD", "A")]
    [InlineData("ecO2dMOkIHZhYW4uCg== ignored", "yötä vaan.\n")]
    [InlineData("QUJDR", "ABC")]
    [InlineData("", "")]
    [InlineData("!!!", "")]
    public void Base64_decoding_is_lenient(string encoded, string expected)
    {
        Assert.Equal(expected, Encoding.UTF8.GetString(Base64Codec.Decode(Encoding.ASCII.GetBytes(encoded))));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5000)]
    public void Quoted_printable_round_trips_random_binary_data(int length)
    {
        var data = new byte[length];
        new Random(length + 7).NextBytes(data);

        var encoded = QuotedPrintableCodec.Encode(data, isText: false);

        Assert.All(Encoding.ASCII.GetString(encoded).Split("\r\n"), line => Assert.InRange(line.Length, 0, 76));
        Assert.True(Ascii.IsValid(encoded));
        Assert.Equal(data, QuotedPrintableCodec.Decode(encoded));
    }

    [Fact]
    public void Quoted_printable_text_keeps_line_breaks_encodes_trailing_blanks_and_escapes_from_lines()
    {
        var text = "Grüße \r\nFrom the list\r\n" + new string('a', 100) + "\r\n.\r\n";

        var encoded = Encoding.ASCII.GetString(QuotedPrintableCodec.Encode(Encoding.UTF8.GetBytes(text)));

        Assert.StartsWith("Gr=C3=BC=C3=9Fe=20\r\n=46rom the list\r\n", encoded, StringComparison.Ordinal);
        Assert.Contains("=2E\r\n", encoded, StringComparison.Ordinal);
        Assert.All(encoded.Split("\r\n"), line => Assert.InRange(line.Length, 0, 76));
        Assert.Equal(text, Encoding.UTF8.GetString(QuotedPrintableCodec.Decode(Encoding.ASCII.GetBytes(encoded))));
    }

    [Theory]
    [InlineData("a=3D b", "a= b")]
    [InlineData("a=3d=20b", "a= b")]
    [InlineData("soft=\r\nbreak", "softbreak")]
    [InlineData("soft=\nbreak", "softbreak")]
    [InlineData("padded= \t\r\nbreak", "paddedbreak")]
    [InlineData("bad =XY and =4", "bad =XY and =4")]
    [InlineData("end=", "end")]
    [InlineData("keep  \r\nlines", "keep  \r\nlines")]
    public void Quoted_printable_decoding_is_lenient(string encoded, string expected)
    {
        Assert.Equal(expected, Encoding.UTF8.GetString(QuotedPrintableCodec.Decode(Encoding.ASCII.GetBytes(encoded))));
    }

    [Fact]
    public void Uuencoded_data_decodes_between_begin_and_end()
    {
        // "Cat" uuencoded (a classic example): length character '#' = 3 bytes.
        var encoded = "noise\nbegin 644 cat.txt\n#0V%T\n`\nend\n"u8;

        Assert.Equal("Cat"u8.ToArray(), UUCodec.Decode(encoded));
    }

    [Fact]
    public void Without_a_begin_line_uudecoding_returns_the_input()
    {
        Assert.Equal("plain text"u8.ToArray(), UUCodec.Decode("plain text"u8));
    }
}
