using System.Text;

namespace TldOps.Mail.Encodings;

/// <summary>RFC 2047 encoded words (<c>=?charset?B|Q?text?=</c>) in header fields.</summary>
public static class EncodedWords
{
    /// <summary>The longest encoded word RFC 2047 §2 allows (75 characters).</summary>
    public const int MaxWordLength = 75;

    /// <summary>The longest charset name accepted in an encoded word; longer ones are not encoded words.</summary>
    private const int MaxCharsetLength = 64;

    /// <summary>
    /// Decodes every encoded word in a header value. Never throws.
    /// </summary>
    /// <remarks>
    /// Besides RFC 2047 it accepts what clients produce in the wild: encoded words glued to
    /// other text or to each other, blanks inside Q-encoded text, lower-case B/Q, a language
    /// suffix (<c>utf-8*en</c>, RFC 2231 §5), unknown charsets (decoded as UTF-8 or
    /// Windows-1252), and multi-byte characters split between adjacent words (adjacent words
    /// in the same charset are joined before decoding). Whitespace between two encoded words
    /// is dropped (RFC 2047 §6.2); any other text is kept as it is.
    /// </remarks>
    /// <param name="text">The unfolded header value.</param>
    /// <returns>The decoded text.</returns>
    public static string Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Contains("=?", StringComparison.Ordinal)
            ? Decode(Encoding.UTF8.GetBytes(text), CharsetRegistry.LenientUtf8)
            : text;
    }

    /// <summary>
    /// Decodes the raw bytes of a header value: text outside encoded words with
    /// <paramref name="outside"/>, encoded words with their own charset. Working on bytes keeps
    /// raw 8-bit bytes that senders put inside Q-encoded words intact. Inside a quoted string
    /// (<paramref name="keepBlanksBetweenWords"/>) blanks between words are the sender's text.
    /// </summary>
    internal static string Decode(ReadOnlySpan<byte> raw, Encoding outside, bool keepBlanksBetweenWords = false)
    {
        var output = new StringBuilder(raw.Length);
        var pending = new PendingWord(output);
        var closeSearch = new CloseSearch();
        var position = 0;
        var lastWasEncoded = false;
        while (position < raw.Length)
        {
            var found = raw[position..].IndexOf("=?"u8);
            if (found < 0)
            {
                pending.Flush();
                output.Append(outside.GetString(raw[position..]));
                break;
            }

            var start = position + found;
            if (!TryParse(raw, start, ref closeSearch, out var word, out var end))
            {
                pending.Flush();
                output.Append(outside.GetString(raw[position..(start + 2)]));
                position = start + 2;
                lastWasEncoded = false;
                continue;
            }

            var between = raw[position..start];
            if (keepBlanksBetweenWords || !(lastWasEncoded && !between.ContainsAnyExcept(" \t\r\n"u8)))
            {
                pending.Flush();
                output.Append(outside.GetString(between));
            }

            pending.Add(word);
            position = end;
            lastWasEncoded = true;
        }

        pending.Flush();
        return TextSanitizer.ReplaceLoneSurrogates(output.ToString());
    }

    /// <summary>
    /// Decodes a single token when it is exactly one encoded word (as a display-name word or a
    /// parameter value must be); returns false otherwise.
    /// </summary>
    /// <param name="token">The candidate token.</param>
    /// <param name="decoded">The decoded text.</param>
    /// <returns>True when the token was an encoded word.</returns>
    public static bool TryDecodeWord(string token, out string decoded)
    {
        ArgumentNullException.ThrowIfNull(token);
        var bytes = Encoding.UTF8.GetBytes(token);
        var search = new CloseSearch();
        if (token.StartsWith("=?", StringComparison.Ordinal)
            && TryParse(bytes, 0, ref search, out var word, out var end)
            && end == bytes.Length)
        {
            decoded = TextSanitizer.ReplaceLoneSurrogates(CharsetRegistry.Default.Decode(word.Bytes, word.Charset));
            return true;
        }

        decoded = token;
        return false;
    }

    /// <summary>
    /// Encodes text as UTF-8 encoded words of at most <see cref="MaxWordLength"/> characters
    /// each, splitting only between whole characters. B or Q is chosen, whichever is shorter;
    /// Q uses the restricted set of RFC 2047 §5 rule (3), so the words are valid in any
    /// position (text, comment or phrase). Words must be separated by folding whitespace,
    /// which decoders drop, so spaces of the text travel inside the words.
    /// </summary>
    /// <param name="text">The text to encode (any Unicode).</param>
    /// <returns>The encoded words, in order.</returns>
    public static IReadOnlyList<string> Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = Encoding.UTF8.GetBytes(text);
        var qLength = 0;
        foreach (var b in bytes)
        {
            qLength += IsQLiteral(b) || b == (byte)' ' ? 1 : 3;
        }

        var useB = (bytes.Length + 2) / 3 * 4 < qLength;
        const string Prefix = "=?utf-8?";
        var budget = MaxWordLength - Prefix.Length - "Q??=".Length;
        var words = new List<string>();
        var current = new List<byte>();
        Span<byte> runeBytes = stackalloc byte[4];
        foreach (var rune in text.EnumerateRunes())
        {
            var count = rune.EncodeToUtf8(runeBytes);
            var candidate = current.Count + count;
            var cost = useB ? (candidate + 2) / 3 * 4 : QLength(current) + QLength(runeBytes[..count]);
            if (cost > budget && current.Count > 0)
            {
                words.Add(Prefix + EncodePayload(current, useB));
                current.Clear();
            }

            foreach (var b in runeBytes[..count])
            {
                current.Add(b);
            }
        }

        if (current.Count > 0 || words.Count == 0)
        {
            words.Add(Prefix + EncodePayload(current, useB));
        }

        return words;
    }

    /// <summary>True when plain text contains something a decoder would take for an encoded word.</summary>
    internal static bool LooksEncoded(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var search = new CloseSearch();
        var start = bytes.AsSpan().IndexOf("=?"u8);
        while (start >= 0)
        {
            if (TryParse(bytes, start, ref search, out _, out _))
            {
                return true;
            }

            var next = bytes.AsSpan(start + 2).IndexOf("=?"u8);
            start = next < 0 ? -1 : start + 2 + next;
        }

        return false;
    }

    private static string EncodePayload(List<byte> bytes, bool useB)
    {
        var builder = new StringBuilder(useB ? "B?" : "Q?");
        if (useB)
        {
            builder.Append(Convert.ToBase64String([.. bytes]));
        }
        else
        {
            foreach (var b in bytes)
            {
                if (b == (byte)' ')
                {
                    builder.Append('_');
                }
                else if (IsQLiteral(b))
                {
                    builder.Append((char)b);
                }
                else
                {
                    builder.Append('=').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }

        return builder.Append("?=").ToString();
    }

    private static int QLength(IEnumerable<byte> bytes) => bytes.Sum(b => IsQLiteral(b) || b == (byte)' ' ? 1 : 3);

    private static int QLength(ReadOnlySpan<byte> bytes)
    {
        var total = 0;
        foreach (var b in bytes)
        {
            total += IsQLiteral(b) || b == (byte)' ' ? 1 : 3;
        }

        return total;
    }

    /// <summary>Characters RFC 2047 §5 (3) allows unencoded in a Q word inside a phrase.</summary>
    private static bool IsQLiteral(byte b) =>
        b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9')
            or (byte)'!' or (byte)'*' or (byte)'+' or (byte)'-' or (byte)'/';

    private static bool TryParse(ReadOnlySpan<byte> text, int start, ref CloseSearch closeSearch, out Word word, out int end)
    {
        word = default;
        end = 0;
        var position = start + 2;
        var window = text[position..Math.Min(text.Length, position + MaxCharsetLength + 1)];
        var question = window.IndexOf((byte)'?');
        if (question <= 0)
        {
            return false;
        }

        var charset = window[..question];
        question += position;
        if (charset.ContainsAny(" \t\r\n="u8) || charset.ContainsAnyExceptInRange((byte)33, (byte)126)
            || question + 2 >= text.Length || text[question + 2] != (byte)'?')
        {
            return false;
        }

        var encoding = text[question + 1] | 0x20;
        if (encoding is not ('b' or 'q'))
        {
            return false;
        }

        var payloadStart = question + 3;
        var close = closeSearch.Next(text, payloadStart);
        if (close < 0)
        {
            return false;
        }

        var payload = text[payloadStart..close];
        var bytes = encoding == 'b' ? Base64Codec.Decode(payload) : DecodeQ(payload);
        word = new Word(Encoding.ASCII.GetString(charset), bytes);
        end = close + 2;
        return true;
    }

    private static byte[] DecodeQ(ReadOnlySpan<byte> payload)
    {
        // RFC 2047 §4.2: '_' is a space, =XX a byte; anything else stands for itself, raw
        // 8-bit bytes included (senders put them there).
        var output = new byte[payload.Length];
        var written = 0;
        for (var i = 0; i < payload.Length; i++)
        {
            var b = payload[i];
            if (b == (byte)'_')
            {
                output[written++] = (byte)' ';
            }
            else if (b == (byte)'=' && i + 2 < payload.Length && QuotedPrintableCodec.IsHex(payload[i + 1]) && QuotedPrintableCodec.IsHex(payload[i + 2]))
            {
                output[written++] = (byte)((QuotedPrintableCodec.HexValue(payload[i + 1]) << 4) | QuotedPrintableCodec.HexValue(payload[i + 2]));
                i += 2;
            }
            else
            {
                output[written++] = b;
            }
        }

        return output.AsSpan(0, written).ToArray();
    }

    private readonly record struct Word(string Charset, byte[] Bytes);

    /// <summary>Finds the next "?=" at or after a position, scanning each byte once overall.</summary>
    private struct CloseSearch()
    {
        private int _found = -2;

        public int Next(ReadOnlySpan<byte> text, int from)
        {
            if (_found == -1 || _found >= from)
            {
                return _found;
            }

            var index = text[from..].IndexOf("?="u8);
            _found = index < 0 ? -1 : from + index;
            return _found;
        }
    }

    /// <summary>Adjacent words in one charset, joined so that characters split between them survive.</summary>
    private sealed class PendingWord(StringBuilder output)
    {
        private readonly List<byte> _bytes = [];
        private string? _charset;

        public void Add(Word word)
        {
            if (_charset is not null && !string.Equals(CharsetRegistry.Normalize(_charset), CharsetRegistry.Normalize(word.Charset), StringComparison.Ordinal))
            {
                Flush();
            }

            _charset = word.Charset;
            _bytes.AddRange(word.Bytes);
        }

        public void Flush()
        {
            if (_charset is null)
            {
                return;
            }

            output.Append(CharsetRegistry.Default.Decode(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_bytes), _charset));
            _bytes.Clear();
            _charset = null;
        }
    }
}
