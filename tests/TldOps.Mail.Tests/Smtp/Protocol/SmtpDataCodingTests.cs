using System.Text;
using TldOps.Mail.Smtp.Protocol;

namespace TldOps.Mail.Tests.Smtp.Protocol;

/// <summary>The client's encoder (CRLF, dot-stuffing) and the server's decoder, against a plain reference and each other.</summary>
public sealed class SmtpDataCodingTests
{
    [Theory]
    [InlineData("", ".\r\n")]
    [InlineData("a", "a\r\n.\r\n")]
    [InlineData("a\n", "a\r\n.\r\n")]
    [InlineData("a\r\n", "a\r\n.\r\n")]
    [InlineData(".", "..\r\n.\r\n")]
    [InlineData("\n.\n", "\r\n..\r\n.\r\n")]
    [InlineData("x\r\n.\r\ny", "x\r\n..\r\ny\r\n.\r\n")]
    [InlineData("bare\rcr", "bare\rcr\r\n.\r\n")]
    [InlineData("ends with cr\r", "ends with cr\r\n.\r\n")]
    [InlineData("\n\n", "\r\n\r\n.\r\n")]
    [InlineData("..\n...", "...\r\n....\r\n.\r\n")]
    public void Dot_stuffing_and_line_ends(string input, string expected)
    {
        Assert.Equal(expected, EncodeInPieces(Encoding.ASCII.GetBytes(input), dotStuff: true, pieceSize: 1 << 16, outputSize: 1 << 16));
    }

    [Fact]
    public void Encoding_is_the_same_whatever_the_piece_sizes()
    {
        var random = new Random(5321);
        for (var round = 0; round < 300; round++)
        {
            var input = RandomMessage(random);
            foreach (var dotStuff in new[] { true, false })
            {
                var reference = Reference(input, dotStuff);
                var encoded = EncodeInPieces(input, dotStuff, pieceSize: random.Next(1, 40), outputSize: random.Next(3, 40));
                Assert.Equal(reference, encoded);
                if (!dotStuff)
                {
                    Assert.Equal(Encoding.Latin1.GetByteCount(reference), SmtpDataEncoder.NormalizedLength(input));
                }
            }
        }
    }

    [Fact]
    public void Decoding_undoes_encoding_in_any_chunks()
    {
        var random = new Random(2920);
        for (var round = 0; round < 300; round++)
        {
            var input = RandomMessage(random);
            var wire = Encoding.Latin1.GetBytes(Reference(input, dotStuff: true));
            var (decoded, consumed, sawBareLf) = DecodeInChunks(wire, random);
            Assert.Equal(wire.Length, consumed);
            Assert.Equal(Reference(input, dotStuff: false), Encoding.Latin1.GetString(decoded));
            Assert.False(sawBareLf);
        }
    }

    [Theory]
    [InlineData("a\n.\nb\r\n.\r\n", "a\n.\nb\r\n", true)]
    [InlineData("a\n.\r\nb\r\n.\r\n", "a\n.\r\nb\r\n", true)]
    [InlineData("a\r\n.\nb\r\n.\r\n", "a\r\n\nb\r\n", true)]
    [InlineData("a\r\n.\rb\r\n.\r\n", "a\r\n\rb\r\n", false)]
    [InlineData(".\r\n", "", false)]
    [InlineData("..\r\n.\r\n", ".\r\n", false)]
    [InlineData(".x\r\n.\r\n", "x\r\n", false)]
    public void Only_crlf_dot_crlf_ends_the_data(string wire, string message, bool bareLf)
    {
        var bytes = Encoding.ASCII.GetBytes(wire + "TRAILING");
        for (var split = 1; split <= bytes.Length; split++)
        {
            var decoder = default(SmtpDotDecoder);
            var output = new byte[bytes.Length + 2];
            var done = decoder.Decode(bytes.AsSpan(0, Math.Min(split, bytes.Length)), output, out var consumed, out var written);
            var total = written;
            if (!done)
            {
                done = decoder.Decode(bytes.AsSpan(consumed), output.AsSpan(total), out var more, out written);
                consumed += more;
                total += written;
            }

            Assert.True(done);
            Assert.Equal(wire.Length, consumed);
            Assert.Equal(message, Encoding.ASCII.GetString(output, 0, total));
            Assert.Equal(bareLf, decoder.SawBareLineFeed);
        }
    }

    [Fact]
    public void Content_scanner_tells_header_from_body()
    {
        Assert.Equal(new SmtpContentTraits(false, false), SmtpContentScanner.Scan("Subject: a\r\n\r\nbody"u8));
        Assert.Equal(new SmtpContentTraits(true, false), SmtpContentScanner.Scan(Encoding.UTF8.GetBytes("Subject: a\r\n\r\nbödy")));
        Assert.Equal(new SmtpContentTraits(true, true), SmtpContentScanner.Scan(Encoding.UTF8.GetBytes("Subject: ä\n\nbody")));
        Assert.Equal(new SmtpContentTraits(true, false), SmtpContentScanner.Scan(Encoding.UTF8.GetBytes("Subject: a\n\nä")));
    }

    private static byte[] RandomMessage(Random random)
    {
        // A small alphabet heavy in the characters that matter.
        var alphabet = new byte[] { (byte)'.', (byte)'.', (byte)'\r', (byte)'\n', (byte)'\n', (byte)'a', (byte)'b', 0xC3, 0xA9, (byte)' ' };
        var bytes = new byte[random.Next(0, 120)];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = alphabet[random.Next(alphabet.Length)];
        }

        return bytes;
    }

    /// <summary>The obvious, slow version: split into lines on LF, end each with CRLF, stuff dots.</summary>
    private static string Reference(byte[] input, bool dotStuff)
    {
        var text = Encoding.Latin1.GetString(input);
        if (text.Length == 0)
        {
            return dotStuff ? ".\r\n" : string.Empty;
        }

        var lines = text.Split('\n');
        var builder = new StringBuilder();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var last = i == lines.Length - 1;
            if (last && line.Length == 0)
            {
                break;
            }

            if (line.EndsWith('\r'))
            {
                line = line[..^1];
            }

            if (dotStuff && line.StartsWith('.'))
            {
                builder.Append('.');
            }

            builder.Append(line).Append("\r\n");
        }

        if (dotStuff)
        {
            builder.Append(".\r\n");
        }

        return builder.ToString();
    }

    private static string EncodeInPieces(byte[] input, bool dotStuff, int pieceSize, int outputSize)
    {
        var encoder = new SmtpDataEncoder(dotStuff);
        var result = new List<byte>();
        var output = new byte[outputSize];
        var offset = 0;
        for (var guard = 0; offset < input.Length; guard++)
        {
            Assert.True(guard < 100_000, "the encoder made no progress");
            var piece = input.AsSpan(offset, Math.Min(pieceSize, input.Length - offset));
            var written = encoder.Encode(piece, output, out var consumed);
            result.AddRange(output.AsSpan(0, written).ToArray());
            offset += consumed;
        }

        var tail = new byte[8];
        result.AddRange(tail.AsSpan(0, encoder.Finish(tail)).ToArray());
        return Encoding.Latin1.GetString(result.ToArray());
    }

    private static (byte[] Decoded, int Consumed, bool SawBareLf) DecodeInChunks(byte[] wire, Random random)
    {
        var decoder = default(SmtpDotDecoder);
        var decoded = new List<byte>();
        var offset = 0;
        while (offset < wire.Length)
        {
            var chunk = wire.AsSpan(offset, Math.Min(random.Next(1, 17), wire.Length - offset));
            var output = new byte[chunk.Length + 1];
            var done = decoder.Decode(chunk, output, out var consumed, out var written);
            decoded.AddRange(output.AsSpan(0, written).ToArray());
            offset += consumed;
            if (done)
            {
                break;
            }
        }

        return (decoded.ToArray(), offset, decoder.SawBareLineFeed);
    }
}
