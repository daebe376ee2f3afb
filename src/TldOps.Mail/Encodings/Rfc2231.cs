using System.Text;

namespace TldOps.Mail.Encodings;

/// <summary>
/// RFC 2231 parameter values: charsets and languages (<c>name*=utf-8'en'%C3%A9t%C3%A9</c>) and
/// continuations (<c>name*0*=…; name*1*=…</c>).
/// </summary>
public static class Rfc2231
{
    private static ReadOnlySpan<byte> HexDigits => "0123456789ABCDEF"u8;

    /// <summary>
    /// Splits an extended value <c>charset'language'percent-encoded</c> (RFC 2231 §4). Lenient:
    /// without the two quotes the whole value is percent-decoded with no charset; invalid
    /// percent escapes are kept literally.
    /// </summary>
    /// <param name="value">The value of a <c>name*</c> or <c>name*0*</c> parameter.</param>
    /// <param name="charset">The declared charset, or null.</param>
    /// <param name="language">The declared language, or null.</param>
    /// <returns>The percent-decoded bytes.</returns>
    public static byte[] DecodeExtended(string value, out string? charset, out string? language)
    {
        ArgumentNullException.ThrowIfNull(value);
        charset = null;
        language = null;
        var first = value.IndexOf('\'', StringComparison.Ordinal);
        var second = first < 0 ? -1 : value.IndexOf('\'', first + 1);
        if (second < 0)
        {
            return PercentDecode(value);
        }

        charset = first > 0 ? value[..first] : null;
        language = second > first + 1 ? value[(first + 1)..second] : null;
        return PercentDecode(value.AsSpan(second + 1));
    }

    /// <summary>Decodes %XX escapes; anything else (including non-ASCII text) is kept as UTF-8.</summary>
    /// <param name="value">The text.</param>
    /// <returns>The bytes.</returns>
    public static byte[] PercentDecode(ReadOnlySpan<char> value)
    {
        var output = new List<byte>(value.Length);
        Span<byte> buffer = stackalloc byte[4];
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '%' && i + 2 < value.Length && char.IsAsciiHexDigit(value[i + 1]) && char.IsAsciiHexDigit(value[i + 2]))
            {
                output.Add(byte.Parse(value.Slice(i + 1, 2), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture));
                i += 2;
            }
            else if (c < 128)
            {
                output.Add((byte)c);
            }
            else
            {
                var rune = char.IsSurrogate(c) ? Rune.ReplacementChar : new Rune(c);
                var count = rune.EncodeToUtf8(buffer);
                for (var k = 0; k < count; k++)
                {
                    output.Add(buffer[k]);
                }
            }
        }

        return [.. output];
    }

    /// <summary>
    /// Encodes a parameter as RFC 2231 text: <c>name=value</c> (quoted when needed) for short
    /// ASCII, else <c>name*=utf-8''…</c>, split into <c>name*0*=…; name*1*=…</c> sections so
    /// that no section passes <paramref name="maxSectionLength"/>.
    /// </summary>
    /// <param name="name">The parameter name (an RFC 2045 token).</param>
    /// <param name="value">The value.</param>
    /// <param name="allowUtf8">When true (SMTPUTF8, RFC 6532 §3.2), non-ASCII is written as a raw UTF-8 quoted string.</param>
    /// <param name="maxSectionLength">The longest <c>name…=value</c> section (default 76).</param>
    /// <returns>The sections, each <c>name…=value</c>, to be separated by "; ".</returns>
    public static IReadOnlyList<string> Encode(string name, string value, bool allowUtf8 = false, int maxSectionLength = 76)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        // Plain ASCII (or UTF-8 where allowed, RFC 6532 §3.2) is simply quoted; a long value
        // stays on one line, which RFC 5322 allows up to 998 characters.
        if ((Ascii.IsValid(value) || allowUtf8) && !value.AsSpan().ContainsAny('\r', '\n') && value.Length < 900)
        {
            return [name + "=" + Quote(value)];
        }

        var sections = new List<string>();
        var current = new StringBuilder("utf-8''");
        var budget = Math.Max(16, maxSectionLength - name.Length - 6);
        Span<byte> buffer = stackalloc byte[4];
        foreach (var rune in value.EnumerateRunes())
        {
            var count = rune.EncodeToUtf8(buffer);
            var piece = new StringBuilder();
            foreach (var b in buffer[..count])
            {
                if (IsAttributeChar(b))
                {
                    piece.Append((char)b);
                }
                else
                {
                    piece.Append('%').Append((char)HexDigits[b >> 4]).Append((char)HexDigits[b & 15]);
                }
            }

            if (current.Length + piece.Length > budget && current.Length > 0)
            {
                sections.Add(current.ToString());
                current.Clear();
            }

            current.Append(piece);
        }

        sections.Add(current.ToString());
        if (sections.Count == 1)
        {
            return [name + "*=" + sections[0]];
        }

        var encoded = new List<string>(sections.Count);
        for (var i = 0; i < sections.Count; i++)
        {
            encoded.Add($"{name}*{i}*={sections[i]}");
        }

        return encoded;
    }

    /// <summary>Quotes a value when it is not an RFC 2045 token.</summary>
    internal static string Quote(string value)
    {
        if (value.Length > 0 && value.All(c => c < 128 && IsTokenChar((byte)c)))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.Append('"').ToString();
    }

    /// <summary>RFC 2045 §5.1 token characters: printable ASCII except tspecials.</summary>
    internal static bool IsTokenChar(byte b) =>
        b is > 32 and < 127 && "()<>@,;:\\\"/[]?=".IndexOf((char)b, StringComparison.Ordinal) < 0;

    /// <summary>RFC 2231 §7 attribute-char: token characters except '*', ''' and '%'.</summary>
    private static bool IsAttributeChar(byte b) => IsTokenChar(b) && b is not ((byte)'*' or (byte)'\'' or (byte)'%');
}
