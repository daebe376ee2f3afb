using TldOps.Mail.Encodings;
using TldOps.Mail.Mime;

namespace TldOps.Mail.Reports;

/// <summary>
/// Reads the field blocks of message/delivery-status and message/disposition-notification
/// bodies: "Name: value" lines with folding, blocks separated by blank lines. Lenient: lines
/// that are not fields are skipped, several blank lines are one.
/// </summary>
internal static class ReportFields
{
    /// <summary>The most blocks read from one report (one per recipient); more are ignored.</summary>
    private const int MaxBlocks = 10_000;

    public static List<List<(string Name, string Value)>> ReadBlocks(MimePart part)
    {
        // message/global-delivery-status (RFC 6533) is UTF-8; the classic one is ASCII, so
        // undeclared decoding (UTF-8 when valid) serves both.
        var text = CharsetRegistry.DecodeUndeclared(part.GetDecodedContent());
        var blocks = new List<List<(string, string)>>();
        var base64Next = false;
        foreach (var lines in SplitBlocks(text).Take(MaxBlocks))
        {
            if (base64Next)
            {
                // Some MTAs base64-encode the recipient blocks inside the report, announcing
                // it with a Content-Transfer-Encoding line in the block before.
                var decoded = CharsetRegistry.DecodeUndeclared(Base64Codec.Decode(System.Text.Encoding.ASCII.GetBytes(string.Concat(lines))));
                blocks.AddRange(SplitBlocks(decoded).Take(MaxBlocks).Select(Fields).Where(b => b.Count > 0));
                base64Next = false;
                continue;
            }

            var fields = Fields(lines);
            base64Next = string.Equals(Get(fields, "Content-Transfer-Encoding")?.Trim(), "base64", StringComparison.OrdinalIgnoreCase);
            if (fields.Count > 0)
            {
                blocks.Add(fields);
            }
        }

        return blocks;
    }

    /// <summary>Lines grouped into blocks at blank lines (several blank lines are one).</summary>
    private static IEnumerable<List<string>> SplitBlocks(string text)
    {
        var current = new List<string>();
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                if (current.Count > 0)
                {
                    yield return current;
                    current = [];
                }

                continue;
            }

            current.Add(line);
        }

        if (current.Count > 0)
        {
            yield return current;
        }
    }

    /// <summary>"Name: value" fields with their continuation lines; other lines are skipped.</summary>
    private static List<(string Name, string Value)> Fields(List<string> lines)
    {
        var fields = new List<(string Name, string Value)>();
        foreach (var line in lines)
        {
            if (line[0] is ' ' or '\t')
            {
                if (fields.Count > 0)
                {
                    var (name, value) = fields[^1];
                    fields[^1] = (name, value + " " + line.Trim());
                }

                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && !line.AsSpan(0, colon).ContainsAny(" \t"))
            {
                fields.Add((line[..colon], line[(colon + 1)..].Trim()));
            }
        }

        return fields;
    }

    public static string? Get(IReadOnlyList<(string Name, string Value)> fields, string name)
    {
        foreach (var (fieldName, value) in fields)
        {
            if (string.Equals(fieldName, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>The parts of a message with one of these content types, depth first, embedded messages not entered.</summary>
    public static IEnumerable<MimePart> PartsOfType(MimeMessage message, params string[] mimeTypes)
    {
        var stack = new Stack<MimeEntity>();
        stack.Push(message.Body);
        while (stack.Count > 0)
        {
            switch (stack.Pop())
            {
                case MimePart part when mimeTypes.Contains(part.ContentType.MimeType):
                    yield return part;
                    break;
                case Multipart multipart:
                    for (var i = multipart.Count - 1; i >= 0; i--)
                    {
                        stack.Push(multipart[i]);
                    }

                    break;
            }
        }
    }
}
