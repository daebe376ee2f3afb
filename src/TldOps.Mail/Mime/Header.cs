using System.Text;
using TldOps.Mail.Encodings;

namespace TldOps.Mail.Mime;

/// <summary>
/// One header field. A parsed field keeps its exact bytes (name, colon, folded value and line
/// break) so that an unchanged message is written back byte for byte; a created field is
/// formatted (encoded and folded) once, when it is created. Immutable.
/// </summary>
public sealed class Header
{
    private readonly int _valueStart;
    private readonly int _lineBreakLength;
    private readonly string _fallbackCharset;
    private string? _value;
    private string? _unfolded;

    internal Header(string name, ReadOnlyMemory<byte> rawField, int valueStart, string fallbackCharset, bool isMalformed = false)
    {
        Name = name;
        RawField = rawField;
        _valueStart = valueStart;
        _fallbackCharset = fallbackCharset;
        IsMalformed = isMalformed;
        var span = rawField.Span;
        _lineBreakLength = span.EndsWith("\r\n"u8) ? 2 : span.EndsWith("\n"u8) ? 1 : 0;
    }

    /// <summary>The field name as written (compare it case-insensitively).</summary>
    public string Name { get; }

    /// <summary>The exact bytes of the field: name, colon, value with its folding, and line break.</summary>
    public ReadOnlyMemory<byte> RawField { get; }

    /// <summary>The bytes after the colon, with folding, without the final line break.</summary>
    public ReadOnlyMemory<byte> RawValue => RawField[Math.Min(_valueStart, RawField.Length - _lineBreakLength)..(RawField.Length - _lineBreakLength)];

    /// <summary>
    /// The value unfolded (line breaks removed, RFC 5322 §2.2.3), trimmed, with raw 8-bit
    /// bytes read as UTF-8 (RFC 6532) or the parser's fallback charset, and RFC 2047 encoded
    /// words decoded. For structured fields prefer the typed parsers (addresses, content type).
    /// </summary>
    public string Value => _value ??= DecodeValue(RawValue.Span, _fallbackCharset);

    /// <summary>The value unfolded and trimmed, without decoding encoded words (input for structured parsers).</summary>
    public string UnfoldedText => _unfolded ??= Unfold(RawValue.Span, _fallbackCharset);

    /// <summary>True for a line kept only for the round trip (a continuation line before any field, a stray envelope line).</summary>
    internal bool IsMalformed { get; }

    /// <summary>
    /// Creates a field from a value: newlines in the value become spaces (no header injection),
    /// non-ASCII text becomes RFC 2047 encoded words unless UTF-8 headers are allowed, and the
    /// result is folded to <see cref="FormatOptions.MaxLineLength"/>. Suits unstructured fields
    /// (Subject, Comments, List-Id's phrase) and ASCII structured values; for addresses use
    /// <see cref="Addresses.AddressFormatter"/>.
    /// </summary>
    /// <param name="name">The field name (printable ASCII, no colon).</param>
    /// <param name="value">The value.</param>
    /// <param name="options">Formatting; <see cref="FormatOptions.Default"/> when null.</param>
    /// <returns>The new field.</returns>
    /// <exception cref="ArgumentException">The name is empty or has characters RFC 5322 §2.2 forbids.</exception>
    public static Header Create(string name, string value, FormatOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        ValidateName(name);
        options ??= FormatOptions.Default;
        var raw = HeaderFolder.FoldUnstructured(name, value, options);
        return new Header(name, raw, name.Length + 1, "utf-8");
    }

    /// <summary>
    /// Creates a field from value text that is already in wire form (encoded as needed); it is
    /// only folded at existing blanks. Line breaks in the text are replaced by spaces.
    /// </summary>
    /// <param name="name">The field name.</param>
    /// <param name="wireValue">The value as it must appear on the wire.</param>
    /// <param name="options">Formatting; <see cref="FormatOptions.Default"/> when null.</param>
    /// <returns>The new field.</returns>
    /// <exception cref="ArgumentException">The name is invalid, or the value is not ASCII while UTF-8 headers are not allowed.</exception>
    public static Header CreateRaw(string name, string wireValue, FormatOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(wireValue);
        ValidateName(name);
        options ??= FormatOptions.Default;
        if (!options.AllowUtf8Headers && !Ascii.IsValid(wireValue))
        {
            throw new ArgumentException("The wire value must be ASCII unless UTF-8 headers are allowed.", nameof(wireValue));
        }

        var raw = HeaderFolder.FoldTokens(name, HeaderFolder.SplitAtBlanks(wireValue), options);
        return new Header(name, raw, name.Length + 1, "utf-8");
    }

    /// <summary>Creates a field from exact bytes (name, colon, value, line break), as a parser would.</summary>
    /// <param name="rawField">The bytes of one complete field.</param>
    /// <returns>The field.</returns>
    /// <exception cref="FormatException">The bytes are not one header field.</exception>
    public static Header Parse(ReadOnlyMemory<byte> rawField)
    {
        var span = rawField.Span;
        var colon = span.IndexOf((byte)':');
        var nameEnd = colon;
        while (nameEnd > 0 && (span[nameEnd - 1] == (byte)' ' || span[nameEnd - 1] == (byte)'\t'))
        {
            nameEnd--;
        }

        if (colon <= 0 || nameEnd == 0 || span[..nameEnd].ContainsAnyExceptInRange((byte)33, (byte)126))
        {
            throw new MimeFormatException("Not a header field", 0);
        }

        return new Header(Encoding.ASCII.GetString(span[..nameEnd]), rawField, colon + 1, "utf-8");
    }

    /// <summary>The field as text: name, colon and value, unfolded but not decoded.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Name}: {UnfoldedText}";

    internal static void ValidateName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        foreach (var c in name)
        {
            // RFC 5322 §2.2: printable US-ASCII except colon.
            if (c is < '!' or > '~' or ':')
            {
                throw new ArgumentException($"'{name}' is not a valid header field name.", nameof(name));
            }
        }
    }

    internal static string Unfold(ReadOnlySpan<byte> raw, string fallbackCharset)
    {
        var bytes = UnfoldBytes(raw);
        return bytes.Length == 0 ? string.Empty : TextEncodingOf(bytes, fallbackCharset).GetString(bytes);
    }

    private static string DecodeValue(ReadOnlySpan<byte> raw, string fallbackCharset)
    {
        var bytes = UnfoldBytes(raw);
        return bytes.Length == 0 ? string.Empty : EncodedWords.Decode(bytes, TextEncodingOf(bytes, fallbackCharset));
    }

    /// <summary>Raw 8-bit header text is UTF-8 (RFC 6532) when it is valid UTF-8, else in the fallback charset.</summary>
    private static Encoding TextEncodingOf(ReadOnlySpan<byte> bytes, string fallbackCharset) =>
        Ascii.IsValid(bytes) || System.Text.Unicode.Utf8.IsValid(bytes)
            ? CharsetRegistry.LenientUtf8
            : CharsetRegistry.Default.GetEncoding(fallbackCharset) ?? CharsetRegistry.Windows1252;

    /// <summary>Removes line breaks (RFC 5322 §2.2.3 unfolding) and surrounding blanks.</summary>
    private static byte[] UnfoldBytes(ReadOnlySpan<byte> raw)
    {
        raw = raw.Trim(" \t\r\n"u8);
        if (raw.IndexOfAny((byte)'\r', (byte)'\n') < 0)
        {
            return raw.ToArray();
        }

        var output = new byte[raw.Length];
        var written = 0;
        foreach (var b in raw)
        {
            if (b is not ((byte)'\r' or (byte)'\n'))
            {
                output[written++] = b;
            }
        }

        return output.AsSpan(0, written).Trim(" \t"u8).ToArray();
    }
}
