using System.Globalization;
using TldOps.Core.Common;

namespace TldOps.Core.Registry;

public sealed partial class CcTldCatalog
{
    private const string CcTldsFile = "cctlds.tsv";
    private const string OrganisationsFile = "regional-organisations.tsv";

    private static readonly string[] CcTldColumns =
        ["code", "u_label", "country", "script", "sovereign", "region", "organisations", .. Language.All];

    private sealed record Row(int Line, string[] Cells)
    {
        public string this[int index] => Cells[index];
    }

    private static List<RegionalOrganisation> ParseOrganisations(string text)
    {
        var result = new List<RegionalOrganisation>();
        foreach (var row in Rows(text, OrganisationsFile, ["code", "name", "website"]))
        {
            if (row[0].Length == 0 || row[1].Length == 0)
            {
                throw new ReferenceDataException(OrganisationsFile, row.Line, "code and name are required");
            }

            if (result.Any(o => o.Code == row[0]))
            {
                throw new ReferenceDataException(OrganisationsFile, row.Line, $"organisation '{row[0]}' appears twice");
            }

            result.Add(new RegionalOrganisation(row[0], row[1], row[2]));
        }

        return result;
    }

    private static List<CcTld> ParseCcTlds(string text, HashSet<string> organisations)
    {
        var rows = Rows(text, CcTldsFile, CcTldColumns).ToList();
        var asciiByCountry = new Dictionary<string, Row>(StringComparer.Ordinal);
        foreach (var row in rows.Where(r => !r[0].StartsWith("xn--", StringComparison.Ordinal)))
        {
            // Several ASCII ccTLDs can serve one code only by mistake; the first wins for inheritance.
            asciiByCountry.TryAdd(row[2], row);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<CcTld>(rows.Count);
        foreach (var row in rows)
        {
            var tld = ToCcTld(row, asciiByCountry, organisations);
            if (!seen.Add(tld.Code))
            {
                throw new ReferenceDataException(CcTldsFile, row.Line, $"ccTLD '{tld.Code}' appears twice");
            }

            result.Add(tld);
        }

        return result
            .OrderBy(t => t.Kind)
            .ThenBy(t => t.Code, StringComparer.Ordinal)
            .ToList();
    }

    private static CcTld ToCcTld(Row row, Dictionary<string, Row> asciiByCountry, HashSet<string> organisations)
    {
        var code = row[0];
        var isIdn = code.StartsWith("xn--", StringComparison.Ordinal);
        var kind = isIdn ? CcTldKind.Idn : CcTldKind.Ascii;
        if (!isIdn && (code.Length != 2 || !code.All(char.IsAsciiLetterLower)))
        {
            throw Error(row, $"'{code}' is neither a two-letter lower-case code nor an xn-- A-label");
        }

        var uLabel = row[1].Length == 0 ? code : row[1];
        if (isIdn && row[1].All(char.IsAscii))
        {
            // Without a Unicode form an IDN would be shown as its A-label, and "xn--…" encodes to itself.
            throw Error(row, $"the IDN ccTLD '{code}' needs its U-label");
        }

        if (isIdn && !string.Equals(Normalise(uLabel), code, StringComparison.Ordinal))
        {
            throw Error(row, $"u_label '{uLabel}' does not encode to '{code}'");
        }

        if (!isIdn && uLabel != code)
        {
            throw Error(row, "an ASCII ccTLD's u_label must be empty or equal to its code");
        }

        var country = row[2];
        if (country.Length != 2 || !country.All(char.IsAsciiLetterUpper))
        {
            throw Error(row, $"country '{country}' is not a two-letter upper-case code");
        }

        var script = row[3].Length == 0 ? null : row[3];
        if (isIdn != (script is not null))
        {
            throw Error(row, isIdn ? "an IDN ccTLD needs its script" : "an ASCII ccTLD has no script");
        }

        if (script is not null && !IsIso15924Code(script))
        {
            throw Error(row, $"script '{script}' is not an ISO 15924 code such as 'Cyrl' or 'Arab'");
        }

        var sovereign = row[4].Length == 0 ? null : row[4];
        if (sovereign is not null && !asciiByCountry.ContainsKey(sovereign))
        {
            throw Error(row, $"sovereign '{sovereign}' is not the country of any ASCII ccTLD in the file");
        }

        var region = ResolveRegion(row, asciiByCountry, depth: 0);
        var orgs = row[6].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var org in orgs)
        {
            if (!organisations.Contains(org))
            {
                throw Error(row, $"unknown regional organisation '{org}'");
            }
        }

        return new CcTld(code, uLabel, kind, country, script, sovereign, region, orgs, ResolveNames(row, asciiByCountry));
    }

    // ISO 15924 codes are four letters, the first upper case: "Arab", "Hani", "Laoo".
    private static bool IsIso15924Code(string script) =>
        script.Length == 4 && char.IsAsciiLetterUpper(script[0]) && script.Skip(1).All(char.IsAsciiLetterLower);

    private static IcannRegion ResolveRegion(Row row, Dictionary<string, Row> asciiByCountry, int depth)
    {
        if (row[5].Length > 0)
        {
            return IcannRegions.TryParse(row[5], out var explicitRegion)
                ? explicitRegion
                : throw Error(row, $"unknown ICANN region '{row[5]}'");
        }

        // A territory inherits its mother country's region; an IDN ccTLD its country's ASCII ccTLD's.
        var parentCountry = row[4].Length > 0 ? row[4] : row[0].StartsWith("xn--", StringComparison.Ordinal) ? row[2] : null;
        if (parentCountry is null || depth > 3 || !asciiByCountry.TryGetValue(parentCountry, out var parent) || parent == row)
        {
            throw Error(row, "no region: give one, or a sovereign whose ccTLD has one");
        }

        return ResolveRegion(parent, asciiByCountry, depth + 1);
    }

    private static Dictionary<string, string> ResolveNames(Row row, Dictionary<string, Row> asciiByCountry)
    {
        const int first = 7;
        var given = Language.All.Count(l => row[first + Language.All.ToList().IndexOf(l)].Length > 0);
        var source = row;
        if (given == 0 && row[0].StartsWith("xn--", StringComparison.Ordinal))
        {
            source = asciiByCountry.TryGetValue(row[2], out var ascii)
                ? ascii
                : throw Error(row, $"no names, and no ASCII ccTLD for country {row[2]} to take them from");
        }
        else if (given != Language.All.Count)
        {
            throw Error(row, "names are needed in all six languages (en fr es ru zh ar)");
        }

        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < Language.All.Count; i++)
        {
            names[Language.All[i]] = source[first + i];
        }

        return names;
    }

    private static IEnumerable<Row> Rows(string text, string file, string[] columns)
    {
        var lines = text.Split('\n');
        var headerSeen = false;
        for (var i = 0; i < lines.Length; i++)
        {
            // A byte order mark survives when the text was decoded without detecting it.
            var line = (i == 0 ? lines[i].TrimStart('\uFEFF') : lines[i]).TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var cells = line.Split('\t').Select(c => c.Trim()).ToArray();
            if (!headerSeen)
            {
                if (!cells.SequenceEqual(columns, StringComparer.Ordinal))
                {
                    throw new ReferenceDataException(file, i + 1, $"the header must be: {string.Join(" TAB ", columns)}");
                }

                headerSeen = true;
                continue;
            }

            if (cells.Length != columns.Length)
            {
                throw new ReferenceDataException(file, i + 1,
                    string.Create(CultureInfo.InvariantCulture, $"{cells.Length} columns, expected {columns.Length}"));
            }

            yield return new Row(i + 1, cells);
        }

        if (!headerSeen)
        {
            throw new ReferenceDataException(file, 1, "no header line");
        }
    }

    private static ReferenceDataException Error(Row row, string reason) => new(CcTldsFile, row.Line, reason);
}
