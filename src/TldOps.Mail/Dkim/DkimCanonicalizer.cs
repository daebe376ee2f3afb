using System.Security.Cryptography;
using System.Text;

namespace TldOps.Mail.Dkim;

/// <summary>
/// RFC 6376 §3.4 canonicalization. Messages stored with LF line endings are treated as if
/// every line ended in CRLF, which is what they had on the wire.
/// </summary>
internal static class DkimCanonicalizer
{
    private static ReadOnlySpan<byte> CrLf => "\r\n"u8;

    /// <summary>One header field, canonicalized, ending in CRLF.</summary>
    public static byte[] Header(DkimCanonicalization canonicalization, ReadOnlySpan<byte> rawField)
    {
        return canonicalization == DkimCanonicalization.Simple ? SimpleHeader(rawField) : RelaxedHeader(rawField);
    }

    /// <summary>Hashes the canonical body with SHA-256, at most <paramref name="limit"/> bytes of it.</summary>
    /// <returns>The hash, and the full length of the canonical body.</returns>
    public static (byte[] Hash, long Length) BodyHash(DkimCanonicalization canonicalization, ReadOnlySpan<byte> body, long? limit)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var sink = new LimitedSink(hash, limit);
        var pendingEmptyLines = 0;
        var position = 0;
        var relaxed = canonicalization == DkimCanonicalization.Relaxed;
        var buffer = new byte[relaxed ? 4096 : 0];
        while (position < body.Length)
        {
            var lf = body[position..].IndexOf((byte)'\n');
            var lineEnd = lf < 0 ? body.Length : position + lf;
            var line = body[position..lineEnd];
            if (lf >= 0 && line.Length > 0 && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }

            position = lf < 0 ? body.Length : lineEnd + 1;
            if (relaxed)
            {
                if (buffer.Length < line.Length)
                {
                    buffer = new byte[line.Length];
                }

                line = buffer.AsSpan(0, CompressBlanks(line, buffer));
            }

            // Empty lines at the end are removed (§3.4.3, §3.4.4): hold them until a
            // non-empty line shows they are not at the end.
            if (line.IsEmpty)
            {
                pendingEmptyLines++;
                continue;
            }

            for (; pendingEmptyLines > 0; pendingEmptyLines--)
            {
                sink.Append(CrLf);
            }

            sink.Append(line);
            sink.Append(CrLf);
        }

        // §3.4.3: an empty simple body is a single CRLF; §3.4.4 (with erratum 1384): an empty
        // relaxed body is empty.
        if (!relaxed && sink.Length == 0)
        {
            sink.Append(CrLf);
        }

        return (hash.GetHashAndReset(), sink.Length);
    }

    private static byte[] SimpleHeader(ReadOnlySpan<byte> rawField)
    {
        var output = new List<byte>(rawField.Length + 8);
        for (var i = 0; i < rawField.Length; i++)
        {
            var b = rawField[i];
            if (b == (byte)'\n' && (i == 0 || rawField[i - 1] != (byte)'\r'))
            {
                output.Add((byte)'\r');
            }

            output.Add(b);
        }

        if (!rawField.EndsWith("\n"u8))
        {
            output.AddRange(CrLf);
        }

        return [.. output];
    }

    private static byte[] RelaxedHeader(ReadOnlySpan<byte> rawField)
    {
        var colon = rawField.IndexOf((byte)':');
        var name = Encoding.ASCII.GetString(rawField[..colon].Trim(" \t"u8)).ToLowerInvariant();
        var value = rawField[(colon + 1)..];
        var unfolded = new byte[value.Length];
        var length = 0;
        foreach (var b in value)
        {
            if (b is not ((byte)'\r' or (byte)'\n'))
            {
                unfolded[length++] = b;
            }
        }

        var compressed = new byte[length];
        var compressedLength = CompressBlanks(unfolded.AsSpan(0, length), compressed);
        var trimmed = compressed.AsSpan(0, compressedLength).TrimStart((byte)' ');
        var output = new byte[name.Length + 1 + trimmed.Length + 2];
        Encoding.ASCII.GetBytes(name, output);
        output[name.Length] = (byte)':';
        trimmed.CopyTo(output.AsSpan(name.Length + 1));
        CrLf.CopyTo(output.AsSpan(name.Length + 1 + trimmed.Length));
        return output;
    }

    /// <summary>Blank runs become one space; blanks at the end go (RFC 6376 §3.4.2 and §3.4.4).</summary>
    private static int CompressBlanks(ReadOnlySpan<byte> input, Span<byte> output)
    {
        var length = 0;
        var inBlank = false;
        foreach (var b in input)
        {
            if (b is (byte)' ' or (byte)'\t')
            {
                inBlank = true;
                continue;
            }

            if (inBlank)
            {
                output[length++] = (byte)' ';
                inBlank = false;
            }

            output[length++] = b;
        }

        return length;
    }

    /// <summary>Feeds the hash up to the l= limit while counting the whole canonical body.</summary>
    private sealed class LimitedSink(IncrementalHash hash, long? limit)
    {
        public long Length { get; private set; }

        public void Append(ReadOnlySpan<byte> data)
        {
            if (limit is { } max && Length < max)
            {
                hash.AppendData(data[..(int)Math.Min(data.Length, max - Length)]);
            }
            else if (limit is null)
            {
                hash.AppendData(data);
            }

            Length += data.Length;
        }
    }
}
