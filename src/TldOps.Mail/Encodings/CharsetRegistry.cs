using System.Collections.Frozen;
using System.Text;

namespace TldOps.Mail.Encodings;

/// <summary>
/// Maps the charset names that occur in mail (MIME <c>charset</c> parameters, RFC 2047 encoded
/// words, RFC 2231 parameter values) to .NET encodings, and decodes text leniently.
/// </summary>
/// <remarks>
/// Code pages come from <see cref="CodePagesEncodingProvider"/> directly, so nothing is
/// registered process-wide. Every encoding returned replaces undecodable bytes with U+FFFD and
/// unencodable characters with '?', so decoding never throws. The registry is immutable.
/// </remarks>
public sealed class CharsetRegistry
{
    private const int Utf7CodePage = 65000;
    private const int AsciiCodePage = 20127;
    private const int Windows1252CodePage = 1252;

    private readonly FrozenDictionary<string, int> _aliases;

    private CharsetRegistry()
    {
        _aliases = BuildAliases();
    }

    /// <summary>The shared registry (immutable, safe to use from any thread).</summary>
    public static CharsetRegistry Default { get; } = new();

    /// <summary>Strict UTF-8 without BOM that throws on invalid bytes (used to test validity).</summary>
    internal static UTF8Encoding StrictUtf8 { get; } = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>UTF-8 that replaces invalid bytes with U+FFFD.</summary>
    internal static UTF8Encoding LenientUtf8 { get; } = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>Windows-1252, the usual fallback for undeclared 8-bit text (WHATWG treats Latin-1 labels as it).</summary>
    internal static Encoding Windows1252 { get; } = Create(Windows1252CodePage)!;

    /// <summary>
    /// Finds the encoding for a charset name, or returns null when the name is unknown.
    /// Names are matched case-insensitively after removing quotes, spaces and an RFC 2231
    /// language suffix (<c>utf-8*en</c>); common misspellings (<c>utf8</c>, <c>iso8859-1</c>,
    /// <c>cp1252</c>, <c>x-sjis</c>…) are understood.
    /// </summary>
    /// <param name="charset">The charset name as found in the message.</param>
    /// <returns>The encoding, or null. UTF-7 is returned as null: use <see cref="Decode"/>.</returns>
    public Encoding? GetEncoding(string? charset)
    {
        var codePage = GetCodePage(charset);
        return codePage is null or Utf7CodePage ? null : Create(codePage.Value);
    }

    /// <summary>The code page a charset name stands for, or null when unknown.</summary>
    /// <param name="charset">The charset name as found in the message.</param>
    public int? GetCodePage(string? charset)
    {
        var name = Normalize(charset);
        if (name.Length == 0)
        {
            return null;
        }

        if (_aliases.TryGetValue(name, out var codePage))
        {
            return codePage;
        }

        var fromIso = IsoName(name);
        if (fromIso is not null)
        {
            return fromIso;
        }

        return FromProvider(name);
    }

    /// <summary>True when the name maps to a charset this registry can decode.</summary>
    /// <param name="charset">The charset name.</param>
    public bool IsKnown(string? charset) => GetCodePage(charset) is not null;

    /// <summary>
    /// Decodes bytes declared to be in <paramref name="charset"/>. Never throws.
    /// </summary>
    /// <remarks>
    /// Lenient by design, because declarations are often wrong: bytes declared US-ASCII or in
    /// an unknown charset are decoded as UTF-8 when they are valid UTF-8, else as Windows-1252;
    /// a missing declaration behaves the same. Invalid sequences in a known charset become
    /// U+FFFD. A leading byte-order mark is removed for UTF-8/16/32.
    /// </remarks>
    /// <param name="bytes">The encoded text.</param>
    /// <param name="charset">The declared charset name, or null when none was declared.</param>
    /// <returns>The decoded text.</returns>
    public string Decode(ReadOnlySpan<byte> bytes, string? charset)
    {
        if (bytes.IsEmpty)
        {
            return string.Empty;
        }

        var codePage = GetCodePage(charset);
        if (codePage is null or AsciiCodePage)
        {
            return DecodeUndeclared(bytes);
        }

        if (codePage == Utf7CodePage)
        {
            return Utf7Decoder.Decode(bytes);
        }

        var encoding = Create(codePage.Value) ?? LenientUtf8;
        return encoding.GetString(bytes[ByteOrderMarkLength(bytes, codePage.Value)..]);
    }

    /// <summary>
    /// Decodes bytes whose charset is not (reliably) declared: ASCII and valid UTF-8 as UTF-8,
    /// anything else as Windows-1252 (a superset of ISO-8859-1 for printable text).
    /// </summary>
    /// <param name="bytes">The bytes.</param>
    /// <returns>The decoded text.</returns>
    public static string DecodeUndeclared(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Ascii.IsValid(bytes))
        {
            return Encoding.ASCII.GetString(bytes);
        }

        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            {
                bytes = bytes[3..];
            }

            return LenientUtf8.GetString(bytes);
        }

        return Windows1252.GetString(bytes);
    }

    private static int ByteOrderMarkLength(ReadOnlySpan<byte> bytes, int codePage) => codePage switch
    {
        65001 when bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) => 3,
        1200 when bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) => 2,
        1201 when bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) => 2,
        12000 when bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]) => 4,
        12001 when bytes.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]) => 4,
        _ => 0,
    };

    /// <summary>Lower-cases a charset name and removes quotes, blanks and an RFC 2231 language suffix.</summary>
    internal static string Normalize(string? charset)
    {
        if (string.IsNullOrWhiteSpace(charset))
        {
            return string.Empty;
        }

        var name = charset.Trim().Trim('"', '\'').Trim();
        var star = name.IndexOf('*', StringComparison.Ordinal);
        if (star >= 0)
        {
            name = name[..star];
        }

        return name.ToLowerInvariant();
    }

    private static int? IsoName(string name)
    {
        // "iso8859-1", "iso_8859-1", "iso-8859-1:1987", "iso 8859 15", "8859-1" all occur.
        var span = name.AsSpan();
        if (span.StartsWith("iso", StringComparison.Ordinal))
        {
            span = span[3..].TrimStart("-_ ");
        }

        if (!span.StartsWith("8859", StringComparison.Ordinal))
        {
            return null;
        }

        span = span[4..].TrimStart("-_ ");
        var digits = 0;
        while (digits < span.Length && char.IsAsciiDigit(span[digits]))
        {
            digits++;
        }

        if (digits == 0 || !int.TryParse(span[..digits], out var part) || part is < 1 or > 16)
        {
            return null;
        }

        // ISO-8859-n is code page 28590 + n in Windows numbering; 12 never existed, 11 is
        // Thai (close to windows-874), 16 has no code page.
        return part switch
        {
            1 => Windows1252CodePage,
            11 => 874,
            12 => null,
            16 => null,
            _ => 28590 + part,
        };
    }

    private static int? FromProvider(string name)
    {
        var encoding = CodePagesEncodingProvider.Instance.GetEncoding(name);
        if (encoding is not null)
        {
            return encoding.CodePage;
        }

        foreach (var info in Encoding.GetEncodings())
        {
            if (string.Equals(info.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return info.CodePage;
            }
        }

        return null;
    }

    private static Encoding? Create(int codePage)
    {
        var encoderFallback = new EncoderReplacementFallback("?");
        var decoderFallback = new DecoderReplacementFallback("\uFFFD");
        var fromProvider = CodePagesEncodingProvider.Instance.GetEncoding(codePage, encoderFallback, decoderFallback);
        if (fromProvider is not null)
        {
            return fromProvider;
        }

        return codePage switch
        {
            65001 => LenientUtf8,
            1200 => new UnicodeEncoding(bigEndian: false, byteOrderMark: true, throwOnInvalidBytes: false),
            1201 => new UnicodeEncoding(bigEndian: true, byteOrderMark: true, throwOnInvalidBytes: false),
            12000 => new UTF32Encoding(bigEndian: false, byteOrderMark: true, throwOnInvalidCharacters: false),
            12001 => new UTF32Encoding(bigEndian: true, byteOrderMark: true, throwOnInvalidCharacters: false),
            28591 => Encoding.GetEncoding(28591, encoderFallback, decoderFallback),
            AsciiCodePage => Encoding.GetEncoding(AsciiCodePage, encoderFallback, decoderFallback),
            _ => null,
        };
    }

    private static FrozenDictionary<string, int> BuildAliases()
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["utf-8"] = 65001, ["utf8"] = 65001, ["utf_8"] = 65001, ["unicode-1-1-utf-8"] = 65001,
            ["x-unicode20utf8"] = 65001, ["unicode-2-0-utf-8"] = 65001,
            ["utf-7"] = Utf7CodePage, ["utf7"] = Utf7CodePage, ["unicode-1-1-utf-7"] = Utf7CodePage,
            ["x-unicode20utf7"] = Utf7CodePage, ["unicode-2-0-utf-7"] = Utf7CodePage,
            ["utf-16"] = 1200, ["utf-16le"] = 1200, ["utf16"] = 1200, ["ucs-2"] = 1200, ["unicode"] = 1200,
            ["utf-16be"] = 1201, ["unicodefffe"] = 1201,
            ["utf-32"] = 12000, ["utf-32le"] = 12000, ["utf-32be"] = 12001, ["ucs-4"] = 12001,
            ["us-ascii"] = AsciiCodePage, ["ascii"] = AsciiCodePage, ["us"] = AsciiCodePage,
            ["ansi_x3.4-1968"] = AsciiCodePage, ["ansi_x3.4-1986"] = AsciiCodePage, ["iso646-us"] = AsciiCodePage,
            ["iso-ir-6"] = AsciiCodePage, ["cp367"] = AsciiCodePage, ["ibm367"] = AsciiCodePage, ["646"] = AsciiCodePage,
            ["latin1"] = Windows1252CodePage, ["latin-1"] = Windows1252CodePage, ["l1"] = Windows1252CodePage,
            ["iso-ir-100"] = Windows1252CodePage, ["cp819"] = Windows1252CodePage, ["ibm819"] = Windows1252CodePage,
            ["latin2"] = 28592, ["latin-2"] = 28592, ["l2"] = 28592,
            ["latin9"] = 28605, ["latin-9"] = 28605,
            ["cyrillic"] = 28595, ["greek"] = 28597, ["hebrew"] = 28598, ["arabic"] = 28596,
            ["iso-8859-8-i"] = 28598, ["iso-8859-6-i"] = 28596, ["iso-8859-8-e"] = 28598, ["iso-8859-6-e"] = 28596,
            ["koi8-r"] = 20866, ["koi8r"] = 20866, ["koi8"] = 20866, ["cskoi8r"] = 20866,
            ["koi8-u"] = 21866, ["koi8u"] = 21866, ["koi8-ru"] = 21866,
            ["gb2312"] = 936, ["gbk"] = 936, ["x-gbk"] = 936, ["cp936"] = 936, ["ms936"] = 936,
            ["euc-cn"] = 936, ["x-euc-cn"] = 936, ["csgb2312"] = 936, ["gb_2312-80"] = 936, ["chinese"] = 936,
            ["gb18030"] = 54936,
            ["big5"] = 950, ["big-5"] = 950, ["big5-hkscs"] = 950, ["cn-big5"] = 950, ["x-x-big5"] = 950,
            ["cp950"] = 950, ["csbig5"] = 950,
            ["shift_jis"] = 932, ["shift-jis"] = 932, ["sjis"] = 932, ["x-sjis"] = 932, ["ms_kanji"] = 932,
            ["cp932"] = 932, ["windows-31j"] = 932, ["csshiftjis"] = 932, ["x-ms-cp932"] = 932,
            ["euc-jp"] = 51932, ["x-euc-jp"] = 51932, ["eucjp"] = 51932, ["cseucpkdfmtjapanese"] = 51932,
            ["iso-2022-jp"] = 50220, ["csiso2022jp"] = 50220, ["iso-2022-jp-1"] = 50221, ["iso-2022-jp-2"] = 50220,
            ["euc-kr"] = 51949, ["euckr"] = 51949, ["cseuckr"] = 51949,
            ["ks_c_5601-1987"] = 949, ["ks_c_5601"] = 949, ["ksc5601"] = 949, ["cp949"] = 949,
            ["uhc"] = 949, ["korean"] = 949,
            ["iso-2022-kr"] = 50225,
            ["tis-620"] = 874, ["tis620"] = 874, ["windows-874"] = 874, ["cp874"] = 874, ["x-windows-874"] = 874,
            ["macintosh"] = 10000, ["mac"] = 10000, ["x-mac-roman"] = 10000, ["macroman"] = 10000,
            ["mac-roman"] = 10000,
            ["ibm437"] = 437, ["cp437"] = 437, ["ibm850"] = 850, ["cp850"] = 850, ["ibm866"] = 866, ["cp866"] = 866,
            ["viscii"] = 1258,
        };

        // windows-125x in all the spellings mail clients use: cp1252, windows1252, win-1252, x-cp1252.
        for (var cp = 1250; cp <= 1258; cp++)
        {
            foreach (var name in new[] { $"windows-{cp}", $"windows{cp}", $"win-{cp}", $"cp{cp}", $"x-cp{cp}", $"cp-{cp}", $"ms-{cp}" })
            {
                map[name] = cp;
            }
        }

        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
