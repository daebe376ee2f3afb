namespace TldOps.Mail.Dkim;

/// <summary>
/// An RFC 6376 §3.2 tag list: <c>name=value</c> pairs separated by ';', whitespace around
/// them ignored. Names are case-sensitive; a repeated name makes the whole list invalid.
/// </summary>
internal sealed class DkimTagList
{
    private readonly Dictionary<string, Tag> _tags;

    private DkimTagList(Dictionary<string, Tag> tags)
    {
        _tags = tags;
    }

    public string? this[string name] => _tags.TryGetValue(name, out var tag) ? tag.Value : null;

    public int? OffsetOf(string name) => _tags.TryGetValue(name, out var tag) ? tag.ValueStart : null;

    /// <summary>Where the value of a tag is in the text (for removing b= before hashing).</summary>
    public (int Start, int End)? RangeOf(string name) => _tags.TryGetValue(name, out var tag) ? (tag.ValueStart, tag.ValueEnd) : null;

    public static DkimTagList Parse(string text)
    {
        var tags = new Dictionary<string, Tag>(StringComparer.Ordinal);
        var i = 0;
        while (i < text.Length)
        {
            i = SkipBlanks(text, i);
            if (i >= text.Length)
            {
                break;
            }

            var nameStart = i;
            while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
            {
                i++;
            }

            // tag-name = ALPHA *ALNUMPUNC (RFC 6376 §3.2).
            if (i == nameStart || !char.IsAsciiLetter(text[nameStart]))
            {
                throw new DkimFormatException("Expected a tag name", nameStart);
            }

            var name = text[nameStart..i];
            i = SkipBlanks(text, i);
            if (i >= text.Length || text[i] != '=')
            {
                throw new DkimFormatException($"Expected '=' after tag '{name}'", i);
            }

            i++;
            var valueStart = i;
            while (i < text.Length && text[i] != ';')
            {
                i++;
            }

            var valueEnd = i;
            var value = text[valueStart..valueEnd].Trim(' ', '\t', '\r', '\n');
            if (!tags.TryAdd(name, new Tag(value, valueStart, valueEnd)))
            {
                throw new DkimFormatException($"Tag '{name}' occurs twice", nameStart);
            }

            if (i < text.Length)
            {
                i++;
            }
        }

        return new DkimTagList(tags);
    }

    private static int SkipBlanks(string text, int i)
    {
        while (i < text.Length && text[i] is ' ' or '\t' or '\r' or '\n')
        {
            i++;
        }

        return i;
    }

    private readonly record struct Tag(string Value, int ValueStart, int ValueEnd);
}
