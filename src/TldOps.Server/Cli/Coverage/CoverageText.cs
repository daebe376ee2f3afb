using System.Globalization;
using System.Text;
using TldOps.Core.Coverage;
using TldOps.Core.Registry;

namespace TldOps.Server.Cli.Coverage;

/// <summary>The table and CSV forms of a coverage report, for <c>tldops coverage</c>.</summary>
internal static class CoverageText
{
    private static readonly string[] Headings = ["region", "delegated", "ascii", "idn", "member ccTLDs", "people", "missing"];

    private static readonly string[] CsvHeadings = ["region", "delegatedCcTlds", "asciiCcTlds", "idnCcTlds", "memberCcTlds", "members", "missingCcTlds"];

    /// <summary>Figures per region and in all, then the missing list with names in <paramref name="language"/>.</summary>
    public static string Table(CoverageReport report, string language)
    {
        ArgumentNullException.ThrowIfNull(report);
        var totals = report.Totals;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"Coverage of the {totals.DelegatedCcTlds} delegated ccTLDs ({totals.AsciiCcTlds} two-letter ASCII + {totals.IdnCcTlds} IDN) in the IANA root zone database");
        text.Append(report.Region is { } region ? $", region {region.ToCode()}" : string.Empty).Append(":\n");
        text.Append(CultureInfo.InvariantCulture,
            $"{totals.MemberCcTlds} member ccTLDs ({totals.MemberShare.ToString("P1", CultureInfo.InvariantCulture)}), {totals.Members} people, {totals.MissingCcTlds} missing.\n\n");

        var rows = report.Regions.Select(r => Row(r.Region.ToCode(), r.Figures)).ToList();
        if (report.Region is null)
        {
            rows.Add(Row("all regions", totals));
        }

        var widths = Headings.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
        AppendRow(text, Headings, widths);
        foreach (var row in rows)
        {
            AppendRow(text, row, widths);
        }

        text.Append(CultureInfo.InvariantCulture, $"\nMissing ccTLDs ({report.Missing.Count}):\n");
        foreach (var group in report.Missing.GroupBy(m => m.Region))
        {
            text.Append(CultureInfo.InvariantCulture, $"{group.Key.ToCode()} ({group.Count()})\n");
            var labelWidth = group.Max(m => m.Display.Length);
            foreach (var tld in group)
            {
                text.Append("  ").Append(tld.Display.PadRight(labelWidth)).Append("  ").Append(tld.Name(language)).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>One line per region, then "all" (unless the report is for one region): the figures only.</summary>
    public static string Csv(CoverageReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.AppendJoin(',', CsvHeadings).Append('\n');
        foreach (var region in report.Regions)
        {
            text.AppendJoin(',', Row(region.Region.ToCode(), region.Figures)).Append('\n');
        }

        if (report.Region is null)
        {
            text.AppendJoin(',', Row("all", report.Totals)).Append('\n');
        }

        return text.ToString();
    }

    private static string[] Row(string label, CoverageFigures f) =>
    [
        label,
        .. new[] { f.DelegatedCcTlds, f.AsciiCcTlds, f.IdnCcTlds, f.MemberCcTlds, f.Members, f.MissingCcTlds }
            .Select(n => n.ToString(CultureInfo.InvariantCulture)),
    ];

    private static void AppendRow(StringBuilder text, string[] cells, int[] widths)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            text.Append(i == 0 ? cells[i].PadRight(widths[i]) : "  " + cells[i].PadLeft(widths[i]));
        }

        text.Append('\n');
    }
}
