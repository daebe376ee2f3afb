using System.Globalization;
using System.Text;

namespace TldOps.Core.ContactDirectory;

/// <summary>
/// How many terminal columns text takes (UAX #11): East Asian wide and fullwidth characters take
/// two, combining marks none, everything else one. Used to keep the repository within 80 columns.
/// </summary>
public static class DisplayWidth
{
    /// <summary>The width of <paramref name="text"/> in columns.</summary>
    public static int Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var width = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            width += Of(rune);
        }

        return width;
    }

    /// <summary>The width of one character.</summary>
    public static int Of(Rune rune)
    {
        var category = Rune.GetUnicodeCategory(rune);
        if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format)
        {
            return 0;
        }

        var v = rune.Value;
        // East Asian Wide (W) and Fullwidth (F) blocks: Hangul Jamo, CJK radicals to Yi,
        // Hangul syllables, CJK compatibility, vertical and small forms, fullwidth forms, and the
        // supplementary ideographic planes.
        return v is (>= 0x1100 and <= 0x115F) or (>= 0x2E80 and <= 0x303E) or (>= 0x3041 and <= 0x33FF) or (>= 0x3400 and <= 0x4DBF)
            or (>= 0x4E00 and <= 0x9FFF) or (>= 0xA000 and <= 0xA4CF) or (>= 0xAC00 and <= 0xD7A3) or (>= 0xF900 and <= 0xFAFF)
            or (>= 0xFE30 and <= 0xFE4F) or (>= 0xFF00 and <= 0xFF60) or (>= 0xFFE0 and <= 0xFFE6) or (>= 0x1F300 and <= 0x1F64F)
            or (>= 0x20000 and <= 0x3FFFD)
            ? 2
            : 1;
    }

    /// <summary>
    /// Wraps <paramref name="text"/> into lines of at most <paramref name="width"/> columns, breaking
    /// at spaces, and inside a word only when the word alone is too wide (an address, a URL).
    /// </summary>
    public static IReadOnlyList<string> Wrap(string text, int width)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 4);
        var lines = new List<string>();
        var line = new StringBuilder();
        var lineWidth = 0;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var wordWidth = Of(word);
            // Chinese and Japanese have no spaces between words: a run of wide characters may
            // break anywhere, so it fills the line instead of moving whole to the next one.
            var breakable = word.EnumerateRunes().Any(r => Of(r) == 2);
            if (lineWidth > 0 && lineWidth + 1 + wordWidth > width && !(breakable && lineWidth + 3 < width))
            {
                lines.Add(line.ToString());
                line.Clear();
                lineWidth = 0;
            }

            if (lineWidth > 0)
            {
                line.Append(' ');
                lineWidth++;
            }

            foreach (var rune in word.EnumerateRunes())
            {
                var w = Of(rune);
                if (lineWidth + w > width)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                    lineWidth = 0;
                }

                line.Append(rune.ToString());
                lineWidth += w;
            }
        }

        if (line.Length > 0 || lines.Count == 0)
        {
            lines.Add(line.ToString());
        }

        return lines;
    }

    /// <summary>Pads <paramref name="text"/> with spaces to <paramref name="width"/> columns.</summary>
    public static string PadRight(string text, int width) => text + new string(' ', Math.Max(0, width - Of(text)));
}
