using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace TldOps.Server.Tests.Web;

/// <summary>What the HTTP tests read from the portal's HTML.</summary>
internal static class PortalPages
{
    public static readonly string[] Paths = ["/", "/coverage", "/login", "/join"];

    public static IDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    /// <summary>Everything a reader sees or hears: title, text, and the labels given to assistive technology.</summary>
    public static string ReadableText(IDocument document)
    {
        var labels = document.All
            .SelectMany(e => new[] { e.GetAttribute("aria-label"), e.LocalName == "meta" ? e.GetAttribute("content") : null })
            .Where(v => v is not null);
        return string.Join("\n", [document.Title ?? string.Empty, document.Body?.TextContent ?? string.Empty, .. labels]);
    }

    /// <summary>The figures of the summary block, by key.</summary>
    public static Dictionary<string, int> SummaryFigures(IDocument document) =>
        document.QuerySelectorAll(".figures data[data-figure]")
            .ToDictionary(e => e.GetAttribute("data-figure")!, e => int.Parse(e.GetAttribute("value")!, System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The figures of one row of the region table ("all" for the totals row).</summary>
    public static Dictionary<string, int> RegionFigures(IDocument document, string region) =>
        document.QuerySelectorAll($"table.regions tr[data-region='{region}'] td[data-figure]")
            .ToDictionary(e => e.GetAttribute("data-figure")!, e => int.Parse(e.TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture));
}
