using System.Text;
using TldOps.Mail.Encodings;

namespace TldOps.Mail.Mime;

/// <summary>
/// Reads <c>; name=value</c> lists (RFC 2045 §5.1) with RFC 2231 continuations and charsets,
/// leniently: missing semicolons, unquoted values with blanks, comments, RFC 2047 words in
/// values, unterminated quotes, and stray text are all tolerated. Never throws.
/// </summary>
internal static class ParameterParser
{
    public static ParameterList Parse(string text, int position)
    {
        var raw = new List<RawParameter>();
        var i = position;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == ';' || char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (c == '(')
            {
                i = SkipComment(text, i);
                continue;
            }

            var nameStart = i;
            while (i < text.Length && text[i] is not ('=' or ';' or '(') && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            var name = text[nameStart..i];
            i = SkipBlanks(text, i);
            if (i >= text.Length || text[i] != '=')
            {
                i = SkipTo(text, i, ';');
                continue;
            }

            i = SkipBlanks(text, i + 1);
            string value;
            bool quoted;
            if (i < text.Length && text[i] == '"')
            {
                value = ReadQuoted(text, ref i);
                quoted = true;
                i = SkipTo(text, i, ';');
            }
            else
            {
                value = ReadUnquoted(text, ref i);
                quoted = false;
            }

            if (name.Length > 0 && (quoted || value.Length > 0))
            {
                var parameter = RawParameter.Create(name, value, quoted);
                if (parameter.BaseName.Length > 0)
                {
                    raw.Add(parameter);
                }
            }
        }

        return Merge(raw);
    }

    private static ParameterList Merge(List<RawParameter> raw)
    {
        var result = new List<MimeParameter>();
        var groups = new Dictionary<string, List<RawParameter>>(StringComparer.OrdinalIgnoreCase);
        var order = new List<List<RawParameter>>();
        foreach (var parameter in raw)
        {
            if (!groups.TryGetValue(parameter.BaseName, out var list))
            {
                list = [];
                groups.Add(parameter.BaseName, list);
                order.Add(list);
            }

            list.Add(parameter);
        }

        foreach (var group in order)
        {
            var first = group[0];

            // RFC 2231 forms win over a plain fallback of the same name (RFC 2231 §4.1 lets
            // senders offer both for old readers).
            var extendedSingle = group.Find(p => p.Section is null && p.Extended);
            var sections = group.Where(p => p.Section is not null).OrderBy(p => p.Section).ToList();
            var plain = group.Find(p => p.Section is null && !p.Extended);
            if (extendedSingle is not null)
            {
                var bytes = Rfc2231.DecodeExtended(extendedSingle.Value, out var charset, out var language);
                var text = Decode(bytes, charset);

                // Without charset'language' some senders put an RFC 2047 word there instead.
                result.Add(new MimeParameter(first.BaseName, charset is null ? DecodePlain(text) : text) { Charset = charset, Language = language });
            }
            else if (sections.Count > 0 && sections[0].Section == 0)
            {
                result.Add(JoinSections(first.BaseName, sections));
            }
            else if (plain is not null)
            {
                result.Add(new MimeParameter(first.BaseName, DecodePlain(plain.Value, plain.Quoted)));
            }
            else if (sections.Count > 0)
            {
                result.Add(JoinSections(first.BaseName, sections));
            }
        }

        return new ParameterList(result);
    }

    private static MimeParameter JoinSections(string name, List<RawParameter> sections)
    {
        string? charset = null;
        string? language = null;
        var anyExtended = sections.Exists(s => s.Extended);
        if (!anyExtended)
        {
            var joined = string.Concat(sections.DistinctBy(s => s.Section).Select(s => s.Value));
            return new MimeParameter(name, DecodePlain(joined));
        }

        var bytes = new List<byte>();
        var firstSection = true;
        foreach (var section in sections.DistinctBy(s => s.Section))
        {
            if (section.Extended)
            {
                // Only the first section carries charset'language' (RFC 2231 §4.1).
                bytes.AddRange(firstSection
                    ? Rfc2231.DecodeExtended(section.Value, out charset, out language)
                    : Rfc2231.PercentDecode(WithoutRepeatedCharset(section.Value, charset)));
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(section.Value));
            }

            firstSection = false;
        }

        return new MimeParameter(name, Decode([.. bytes], charset)) { Charset = charset, Language = language };
    }

    /// <summary>Some senders repeat "charset'" at the start of every section; only the first may carry it.</summary>
    private static string WithoutRepeatedCharset(string value, string? charset) =>
        charset is not null && value.StartsWith(charset + "'", StringComparison.OrdinalIgnoreCase)
            ? value[(charset.Length + 1)..]
            : value;

    private static string Decode(byte[] bytes, string? charset) => CharsetRegistry.Default.Decode(bytes, charset);

    private static string DecodePlain(string value, bool quoted = false) =>
        !value.Contains("=?", StringComparison.Ordinal) ? value
            : quoted ? EncodedWords.Decode(System.Text.Encoding.UTF8.GetBytes(value), CharsetRegistry.LenientUtf8, keepBlanksBetweenWords: true)
            : EncodedWords.Decode(value);

    private static string ReadQuoted(string text, ref int i)
    {
        var builder = new StringBuilder();
        i++;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"')
            {
                i++;
                return builder.ToString();
            }

            // A backslash quotes the next character (RFC 5322 §3.2.1), except before a letter
            // or digit: Windows paths are sent with bare backslashes ("C:\TEMP\file.png").
            if (c == '\\' && i + 1 < text.Length && !char.IsLetterOrDigit(text[i + 1]))
            {
                builder.Append(text[i + 1]);
                i += 2;
                continue;
            }

            builder.Append(c);
            i++;
        }

        return builder.ToString();
    }

    private static string ReadUnquoted(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && text[i] != ';')
        {
            if (char.IsWhiteSpace(text[i]) && StartsParameter(text, i))
            {
                break;
            }

            i++;
        }

        var value = text[start..i].Trim();

        // "us-ascii (Plain text)": a comment after a blank is not part of the value.
        if (value.EndsWith(')'))
        {
            var open = value.LastIndexOf(" (", StringComparison.Ordinal);
            if (open > 0)
            {
                value = value[..open].TrimEnd();
            }
        }

        return value;
    }

    /// <summary>True when blanks at <paramref name="i"/> are followed by "token=" (a missing semicolon).</summary>
    private static bool StartsParameter(string text, int i)
    {
        var j = SkipBlanks(text, i);
        var nameStart = j;
        while (j < text.Length && text[j] < 128 && Rfc2231.IsTokenChar((byte)text[j]))
        {
            j++;
        }

        if (j == nameStart)
        {
            return false;
        }

        j = SkipBlanks(text, j);
        return j < text.Length && text[j] == '=';
    }

    private static int SkipBlanks(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i;
    }

    private static int SkipTo(string text, int i, char stop)
    {
        while (i < text.Length && text[i] != stop)
        {
            i++;
        }

        return i;
    }

    internal static int SkipComment(string text, int i)
    {
        // RFC 5322 §3.2.2: comments nest and may contain quoted pairs.
        var depth = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\\')
            {
                i += 2;
                continue;
            }

            if (c == '(')
            {
                depth++;
            }
            else if (c == ')')
            {
                depth--;
                if (depth == 0)
                {
                    return i + 1;
                }
            }

            i++;
        }

        return text.Length;
    }

    private sealed record RawParameter(string BaseName, int? Section, bool Extended, string Value, bool Quoted)
    {
        public static RawParameter Create(string name, string value, bool quoted)
        {
            // name, name*, name*N, name*N* (RFC 2231 §3 and §4).
            var star = name.IndexOf('*', StringComparison.Ordinal);
            if (star < 0)
            {
                return new RawParameter(name, null, false, value, quoted);
            }

            var baseName = name[..star];
            var rest = name.AsSpan(star + 1);
            var extended = rest.EndsWith("*");
            if (extended)
            {
                rest = rest[..^1];
            }

            if (rest.IsEmpty)
            {
                return new RawParameter(baseName, null, true, value, quoted);
            }

            if (int.TryParse(rest, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var section))
            {
                return new RawParameter(baseName, section, extended, value, quoted);
            }

            return new RawParameter(name, null, false, value, quoted);
        }
    }
}
