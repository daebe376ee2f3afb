using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;

namespace TldOps.Server.Web;

/// <summary>Writes localised text into page content.</summary>
internal static class PortalHtml
{
    private const string Brand = "TLD-OPS";

    // Like the portal's configured encoder: every script as itself, HTML-significant characters escaped.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>
    /// The text, HTML-encoded, with the name "TLD-OPS" kept on one line: browsers may break a line
    /// after a hyphen, and "TLD-" at a line's end, "OPS" on the next, reads as two words.
    /// </summary>
    public static IHtmlContent Text(LocalizedString text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var encoded = Encoder.Encode(text.Value);
        return new HtmlString(encoded.Replace(Brand, $"<span class=\"nowrap\">{Brand}</span>", StringComparison.Ordinal));
    }
}
