using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Unicode;

namespace TldOps.Core.Registry.Iana;

/// <summary>
/// Reads whois.iana.org answers for a TLD in both layouts the service has used: the current
/// key/value one (<c>domain:</c>, <c>contact: administrative</c>, <c>nserver:</c>…, since 2010)
/// and the older "IANA Whois Service" one with indented sections. A "not found" answer (a retired
/// TLD such as YU) is an answer, not an error. Anything else that is not a complete record —
/// cut short, over a limit, undecodable, or against the grammar — throws
/// <see cref="WhoisFormatException"/> naming the line and byte offset; <see cref="TryParse"/>
/// returns false instead. Thread-safe: the parser holds only its frozen options.
/// </summary>
public sealed partial class WhoisRecordParser
{
    private readonly WhoisParserOptions _options;

    /// <summary>A parser with a frozen copy of <paramref name="options"/> (default <see cref="WhoisParserOptions.Default"/>).</summary>
    public WhoisRecordParser(WhoisParserOptions? options = null)
    {
        _options = options is null ? WhoisParserOptions.Default : options.Clone().Freeze();
    }

    /// <summary>The limits in use (frozen).</summary>
    public WhoisParserOptions Options => _options;

    /// <summary>Parses one answer.</summary>
    /// <param name="answer">The raw bytes as the server sent them (UTF-8; legacy answers may be ISO-8859-1).</param>
    /// <param name="queriedTld">
    /// The TLD that was asked for, if known: the answer must be about it, and a current-layout
    /// "0 objects" answer (which does not repeat the name) is attributed to it.
    /// </param>
    /// <exception cref="WhoisFormatException">The answer is not a complete, well-formed record.</exception>
    public DelegationAnswer Parse(ReadOnlySpan<byte> answer, string? queriedTld = null)
    {
        var (result, error) = ParseCore(answer, queriedTld);
        return result ?? throw error!;
    }

    /// <inheritdoc cref="Parse(ReadOnlySpan{byte}, string?)"/>
    public DelegationAnswer Parse(string answer, string? queriedTld = null)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return Parse(Encoding.UTF8.GetBytes(answer), queriedTld);
    }

    /// <summary>Like <see cref="Parse(ReadOnlySpan{byte}, string?)"/>, but returns false with the error instead of throwing.</summary>
    public bool TryParse(ReadOnlySpan<byte> answer, [NotNullWhen(true)] out DelegationAnswer? result, [NotNullWhen(false)] out WhoisFormatException? error, string? queriedTld = null)
    {
        (result, error) = ParseCore(answer, queriedTld);
        return result is not null;
    }

    private (DelegationAnswer? Answer, WhoisFormatException? Error) ParseCore(ReadOnlySpan<byte> data, string? queriedTld)
    {
        var expected = queriedTld is null ? null : CcTldCatalog.Normalise(queriedTld);
        try
        {
            var lines = ReadLines(data, out var terminated);
            DelegationAnswer answer;
            try
            {
                answer = Interpret(lines, expected);
            }
            catch (WhoisFormatException error) when (!terminated && error.LineNumber == lines[^1].Number)
            {
                // The last line stops without a line ending: the transfer stopped mid-line, which
                // explains whatever is wrong with that line better than the grammar does.
                throw lines[^1].Error("the last line has no line ending: the answer was cut short");
            }

            if (!terminated)
            {
                throw lines[^1].Error("the last line has no line ending: the answer was cut short");
            }

            if (expected is not null && !string.Equals(answer.Tld, expected, StringComparison.Ordinal))
            {
                throw lines[0].Error($"the answer is about '{answer.Tld}', not the queried '{expected}'");
            }

            return (answer, null);
        }
        catch (WhoisFormatException error)
        {
            return (null, error);
        }
    }

    private DelegationAnswer Interpret(List<WhoisLine> lines, string? expected)
    {
        var first = lines.FirstOrDefault(l => !l.IsBlank && !l.IsComment);
        if (first.Text is null)
        {
            if (lines.Any(l => l.IsComment && l.Text.Contains("returned 0 objects", StringComparison.OrdinalIgnoreCase)))
            {
                return expected is not null
                    ? DelegationAnswer.NotFound(expected)
                    : throw lines[^1].Error("a 'returned 0 objects' answer does not name the TLD, and no TLD was queried");
            }

            throw lines[^1].Error("the answer holds no record: neither a 'domain:' line nor the 'IANA Whois Service' banner");
        }

        var text = first.Text.Trim();
        if (text is "IANA Whois Service" or "IANA IPv6 Whois Service")
        {
            return DelegationAnswer.Found(ParseLegacy(lines, lines.IndexOf(first) + 1));
        }

        if (text.StartsWith("Domain ", StringComparison.Ordinal) && text.EndsWith(" not found.", StringComparison.Ordinal))
        {
            return ParseNotFound(first, text);
        }

        // The live service prints "refer: WHOIS-SERVER" before "domain:" for TLDs that have one.
        if (first.TrySplit(out var key, out _) && key is "domain" or "refer")
        {
            return DelegationAnswer.Found(ParseCurrent(lines));
        }

        throw first.Error("expected a 'domain:' line or the 'IANA Whois Service' banner");
    }

    private static DelegationAnswer ParseNotFound(WhoisLine line, string text)
    {
        // "Domain yu. not found." — the legacy service's answer for a TLD that is not delegated.
        var name = text["Domain ".Length..^" not found.".Length].Trim();
        return WhoisValues.TryNormaliseTld(name, null, out var tld, out _, out var problem)
            ? DelegationAnswer.NotFound(tld)
            : throw line.Error(problem);
    }

    /// <summary>Splits the bytes into lines, enforcing the limits, rejecting control bytes, and decoding.</summary>
    private List<WhoisLine> ReadLines(ReadOnlySpan<byte> data, out bool terminated)
    {
        if (data.IsEmpty)
        {
            throw new WhoisFormatException("the answer is empty", 1, 0);
        }

        if (data.Length > _options.MaxBytes)
        {
            throw new WhoisFormatException($"the answer is longer than the {_options.MaxBytes}-byte limit", LineAt(data, _options.MaxBytes), _options.MaxBytes);
        }

        var spans = new List<(int Start, int Length)>();
        var start = 0;
        terminated = data[^1] == (byte)'\n';
        while (start < data.Length)
        {
            var newline = data[start..].IndexOf((byte)'\n');
            var end = newline < 0 ? data.Length : start + newline;
            var length = end - start;
            if (length > 0 && data[end - 1] == (byte)'\r')
            {
                length--;
            }

            if (spans.Count == _options.MaxLines)
            {
                throw new WhoisFormatException($"the answer has more than the {_options.MaxLines}-line limit", spans.Count + 1, start);
            }

            if (length > _options.MaxLineLength)
            {
                throw new WhoisFormatException($"the line is longer than the {_options.MaxLineLength}-byte limit", spans.Count + 1, start + _options.MaxLineLength);
            }

            var control = IndexOfControl(data.Slice(start, length));
            if (control >= 0)
            {
                throw new WhoisFormatException($"control byte 0x{data[start + control]:X2} in the text", spans.Count + 1, start + control);
            }

            spans.Add((start, length));
            start = end + 1;
        }

        return Decode(data, spans);
    }

    private List<WhoisLine> Decode(ReadOnlySpan<byte> data, List<(int Start, int Length)> spans)
    {
        Encoding encoding = Encoding.UTF8;
        if (!Utf8.IsValid(data))
        {
            var invalid = FirstInvalidUtf8(data);
            if (!_options.AllowLatin1Legacy || !IsLegacyBanner(data, spans))
            {
                throw new WhoisFormatException("invalid UTF-8", LineAt(data, invalid), invalid);
            }

            // The pre-2010 service sent ISO-8859-1; C1 controls there would be binary, not text.
            var c1 = data.IndexOfAnyInRange((byte)0x80, (byte)0x9F);
            if (c1 >= 0)
            {
                throw new WhoisFormatException($"control byte 0x{data[c1]:X2} in ISO-8859-1 text", LineAt(data, c1), c1);
            }

            encoding = Encoding.Latin1;
        }

        var lines = new List<WhoisLine>(spans.Count);
        for (var i = 0; i < spans.Count; i++)
        {
            var (start, length) = spans[i];
            lines.Add(new WhoisLine(i + 1, start, encoding.GetString(data.Slice(start, length))));
        }

        return lines;
    }

    private static bool IsLegacyBanner(ReadOnlySpan<byte> data, List<(int Start, int Length)> spans)
    {
        foreach (var (start, length) in spans)
        {
            var line = data.Slice(start, length).Trim((byte)' ');
            if (line.IsEmpty || line[0] == (byte)'%')
            {
                continue;
            }

            return line.SequenceEqual("IANA Whois Service"u8) || line.SequenceEqual("IANA IPv6 Whois Service"u8);
        }

        return false;
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> data)
    {
        var scratch = new char[data.Length];
        Utf8.ToUtf16(data, scratch, out var read, out _, replaceInvalidSequences: false);
        return read;
    }

    /// <summary>The index of a C0 control byte other than TAB, or DEL; -1 if none.</summary>
    private static int IndexOfControl(ReadOnlySpan<byte> line)
    {
        for (var i = 0; i < line.Length; i++)
        {
            var b = line[i];
            if ((b < 0x20 && b != (byte)'\t') || b == 0x7F)
            {
                return i;
            }
        }

        return -1;
    }

    private static int LineAt(ReadOnlySpan<byte> data, int offset) =>
        data[..Math.Min(offset, data.Length)].Count((byte)'\n') + 1;
}
