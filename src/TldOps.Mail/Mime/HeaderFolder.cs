using System.Text;
using TldOps.Mail.Encodings;

namespace TldOps.Mail.Mime;

/// <summary>
/// Formats header fields: encodes what must be encoded and folds lines at blanks
/// (RFC 5322 §2.2.3: a fold is a line break inserted before existing whitespace).
/// </summary>
internal static class HeaderFolder
{
    /// <summary>Formats an unstructured value (RFC 5322 §3.2.5 unstructured, RFC 2047 §5 (1)).</summary>
    public static byte[] FoldUnstructured(string name, string value, FormatOptions options)
    {
        var words = SplitWords(value);
        var tokens = new List<string>(words.Count);
        var i = 0;
        while (i < words.Count)
        {
            if (!NeedsEncoding(words[i].Word, options))
            {
                tokens.Add(words[i].Blank + words[i].Word);
                i++;
                continue;
            }

            // Consecutive words that need encoding travel together, blanks included: the
            // blanks between two encoded words are dropped when decoding (RFC 2047 §6.2).
            var run = new StringBuilder(words[i].Word);
            var blank = words[i].Blank;
            var j = i + 1;
            while (j < words.Count && NeedsEncoding(words[j].Word, options))
            {
                run.Append(words[j].Blank).Append(words[j].Word);
                j++;
            }

            var encoded = EncodedWords.Encode(run.ToString());
            tokens.Add(blank + encoded[0]);
            for (var k = 1; k < encoded.Count; k++)
            {
                tokens.Add(" " + encoded[k]);
            }

            i = j;
        }

        return FoldTokens(name, tokens, options);
    }

    /// <summary>Splits wire text into tokens that each start with their leading blanks.</summary>
    public static List<string> SplitAtBlanks(string value) =>
        SplitWords(value).Select(w => w.Blank + w.Word).ToList();

    /// <summary>
    /// Writes "Name:" and the tokens, breaking the line before a token that starts with a
    /// blank when the line would pass the folding width. The first token gets one leading space.
    /// </summary>
    public static byte[] FoldTokens(string name, IReadOnlyList<string> tokens, FormatOptions options)
    {
        var builder = new StringBuilder(name.Length + 2 + tokens.Sum(t => t.Length + 2));
        builder.Append(name).Append(':');
        var lineLength = builder.Length;
        var onlyName = true;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (i == 0)
            {
                token = " " + token.TrimStart(' ', '\t');
            }

            if (token.Length > 0 && token[0] is ' ' or '\t' && !onlyName
                && lineLength + token.Length > options.MaxLineLength)
            {
                builder.Append(options.NewLine);
                lineLength = 0;
            }

            builder.Append(token);
            lineLength += token.Length;
            onlyName = false;
        }

        builder.Append(options.NewLine);
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    private static bool NeedsEncoding(string word, FormatOptions options)
    {
        if (!Ascii.IsValid(word))
        {
            return !options.AllowUtf8Headers;
        }

        // Plain text that a decoder would take for an encoded word must be encoded itself
        // (RFC 2047 §5 rule 1), or it would not come back as written.
        return word.Contains("=?", StringComparison.Ordinal) && EncodedWords.LooksEncoded(word);
    }

    private static List<(string Blank, string Word)> SplitWords(string value)
    {
        // Line breaks in a value would start a new field (header injection): they become blanks.
        var clean = value.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\r', ' ').Replace('\n', ' ');
        var words = new List<(string, string)>();
        var i = 0;
        while (i < clean.Length)
        {
            var blankStart = i;
            while (i < clean.Length && clean[i] is ' ' or '\t')
            {
                i++;
            }

            var wordStart = i;
            while (i < clean.Length && clean[i] is not (' ' or '\t'))
            {
                i++;
            }

            if (i > wordStart)
            {
                words.Add((clean[blankStart..wordStart], clean[wordStart..i]));
            }
        }

        if (words.Count > 0)
        {
            words[0] = (string.Empty, words[0].Item2);
        }

        return words;
    }
}
