using System.Text.RegularExpressions;
using TldOps.Mail.Mime;

namespace TldOps.Core.Lists.Archive;

/// <summary>What the archive reads out of a message: the text to index, the subject a thread is known by.</summary>
public static partial class ArchiveText
{
    /// <summary>The longest body text indexed (characters); beyond it a post is stored but not searched.</summary>
    public const int MaxIndexedText = 200_000;

    /// <summary>The plain text of the message (the HTML part without its tags when there is no text part).</summary>
    public static string BodyText(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        string text;
        if (message.TextBody is { } plain)
        {
            text = plain.GetText();
        }
        else if (message.HtmlBody is { } html)
        {
            text = System.Net.WebUtility.HtmlDecode(Tags().Replace(html.GetText(), " "));
        }
        else
        {
            text = string.Empty;
        }

        return text.Length <= MaxIndexedText ? text : text[..MaxIndexedText];
    }

    /// <summary>The subject without reply and forward markers and without the list's prefix, for threading.</summary>
    public static string ThreadSubject(string? subject, string? prefix)
    {
        var s = (subject ?? string.Empty).Trim();
        for (var i = 0; i < 10; i++)
        {
            var before = s;
            if (!string.IsNullOrEmpty(prefix) && s.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                s = s[prefix.Length..].Trim();
            }

            s = ReplyMarker().Replace(s, string.Empty).Trim();
            if (s == before)
            {
                break;
            }
        }

        return s.Length == 0 ? "(no subject)" : s;
    }

    [GeneratedRegex("<[^>]*>", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Tags();

    // Re:, RE :, Fwd:, Fw:, AW: (German), Réf. :, 回复: and their numbered forms "Re[2]:".
    [GeneratedRegex(@"^(re|fwd?|aw|wg|sv|tr|rv|r[ée]f\.?|回复|答复|转发)\s*(\[\d+\])?\s*:\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ReplyMarker();
}
