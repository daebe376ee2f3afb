using System.Globalization;
using System.Text;
using TldOps.Core.Common;
using TldOps.Core.Registry;
using TldOps.Testing;

namespace TldOps.Core.Tests.Registry;

/// <summary>
/// The shipped ccTLD table checked against public data in ../shared/corpora/cctld-lists (IANA's
/// TLD list and root zone database, ISO/UN/CLDR names), which is never shipped itself.
/// </summary>
public sealed class CcTldCatalogTests
{
    private static readonly CcTldCatalog Catalog = CcTldCatalog.Shipped;

    // The root zone database's script names (derived/idn-cctlds.csv) as ISO 15924 codes.
    private static readonly Dictionary<string, string> Iso15924 = new(StringComparer.Ordinal)
    {
        ["Arabic"] = "Arab", ["Armenian"] = "Armn", ["Bengali"] = "Beng", ["Cyrillic"] = "Cyrl",
        ["Devanagari"] = "Deva", ["Georgian"] = "Geor", ["Greek"] = "Grek", ["Gujarati"] = "Gujr",
        ["Gurmukhi"] = "Guru", ["Han-CJK"] = "Hani", ["Hangul"] = "Hang", ["Hebrew"] = "Hebr",
        ["Kannada"] = "Knda", ["Lao"] = "Laoo", ["Malayalam"] = "Mlym", ["Oriya"] = "Orya",
        ["Sinhala"] = "Sinh", ["Tamil"] = "Taml", ["Telugu"] = "Telu", ["Thai"] = "Thai",
    };

    // Where our English short name differs from every name the ISO/UN/CLDR dataset gives, and why.
    private static readonly Dictionary<string, string> DeliberateEnglishNames = new(StringComparer.Ordinal)
    {
        ["ac"] = "AC is exceptionally reserved, not assigned, so the dataset has no row",
        ["eu"] = "EU is exceptionally reserved, not assigned, so the dataset has no row",
        ["su"] = "SU is exceptionally reserved, not assigned, so the dataset has no row",
        ["uk"] = "UK is exceptionally reserved, not assigned, so the dataset has no row",
        ["gb"] = "'United Kingdom' is the everyday name; CLDR abbreviates to 'UK', the UN gives the formal name",
        ["us"] = "'United States' is the everyday name; CLDR abbreviates to 'US', the UN gives the formal name",
        ["cg"] = "plain 'Congo' is ambiguous beside the Democratic Republic of the Congo; CLDR's 'Congo - Brazzaville' is a menu label",
        ["pn"] = "the territory calls itself the Pitcairn Islands; ISO's 'Pitcairn' names only the main island",
    };

    [Fact]
    public void There_are_248_ascii_and_61_idn_cctlds()
    {
        Assert.Equal(248, Catalog.AsciiCount);
        Assert.Equal(61, Catalog.IdnCount);
        Assert.Equal(309, Catalog.All.Count);
    }

    [Fact]
    public void The_ascii_cctlds_are_exactly_the_two_letter_tlds_iana_lists()
    {
        var iana = IanaTlds().Where(t => t.Length == 2).ToHashSet(StringComparer.Ordinal);
        var ours = Catalog.All.Where(t => t.Kind == CcTldKind.Ascii).Select(t => t.Code).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(248, iana.Count);
        Assert.Empty(iana.Except(ours));
        Assert.Empty(ours.Except(iana));
    }

    [Fact]
    public void The_idn_cctlds_are_exactly_the_delegated_country_code_idns_with_their_labels_country_and_script()
    {
        var expected = CorpusCsv.Read(SharedCorpus.PathOf("cctld-lists", "derived", "idn-cctlds.csv"))
            .Where(r => r["delegated"] == "yes")
            .ToDictionary(r => r["a_label"], StringComparer.Ordinal);
        var ours = Catalog.All.Where(t => t.Kind == CcTldKind.Idn).ToList();

        Assert.Equal(61, expected.Count);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), ours.Select(t => t.Code).Order(StringComparer.Ordinal));
        foreach (var tld in ours)
        {
            var row = expected[tld.Code];
            Assert.Equal(row["u_label"].Normalize(NormalizationForm.FormC), tld.ULabel);
            Assert.Equal(row["country_code"], tld.CountryCode);
            Assert.Equal(Iso15924[row["script"]], tld.Script);
        }
    }

    [Fact]
    public void Every_idn_cctld_is_in_ianas_tld_list_and_its_u_label_encodes_to_its_a_label()
    {
        var iana = IanaTlds().ToHashSet(StringComparer.Ordinal);
        var idna = new IdnMapping();
        foreach (var tld in Catalog.All.Where(t => t.Kind == CcTldKind.Idn))
        {
            Assert.Contains(tld.Code, iana);
            Assert.Equal(tld.Code, idna.GetAscii(tld.ULabel));
            Assert.Equal(tld.ULabel, idna.GetUnicode(tld.Code));
        }
    }

    [Fact]
    public void Codes_the_root_zone_database_lists_but_that_are_not_delegated_are_absent()
    {
        var undelegated = CorpusCsv.Read(SharedCorpus.PathOf("cctld-lists", "derived", "cctlds.csv"))
            .Where(r => r["delegated"] != "yes")
            .Select(r => r["tld"])
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(["an", "bl", "bq", "eh", "mf", "tp", "um"], undelegated);
        Assert.All(undelegated, code => Assert.Null(Catalog.Find(code)));
    }

    [Fact]
    public void Every_country_code_row_of_the_root_zone_database_resolves_as_written_there()
    {
        // tld-root-zone-db writes right-to-left U-labels wrapped in direction marks: "\u200F.السعودية\u200E".
        var rows = CorpusCsv.Read(SharedCorpus.PathOf("cctld-lists", "tld-root-zone-db", "tld.csv"))
            .Where(r => r["Type"] == "country-code")
            .Select(r => r["Domain"])
            .ToList();
        var undelegated = new HashSet<string>(["an", "bl", "bq", "eh", "mf", "tp", "um"], StringComparer.Ordinal);

        Assert.Equal(316, rows.Count);
        var resolved = rows.Where(d => !undelegated.Contains(d.Trim('.'))).Select(d => Catalog.Find(d)).ToList();
        Assert.All(resolved, Assert.NotNull);
        Assert.Equal(309, resolved.Select(t => t!.Code).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Every_cctld_has_a_name_in_each_language_written_in_that_languages_script()
    {
        foreach (var tld in Catalog.All)
        {
            Assert.Equal(Language.All.Order(StringComparer.Ordinal), tld.Names.Keys.Order(StringComparer.Ordinal));
            Assert.All(tld.Names.Values, n => Assert.False(string.IsNullOrWhiteSpace(n), tld.Code));
            Assert.True(LettersAre(tld.Name(Language.English), IsLatin), $"{tld.Code} en: {tld.Name(Language.English)}");
            Assert.True(LettersAre(tld.Name(Language.French), IsLatin), $"{tld.Code} fr: {tld.Name(Language.French)}");
            Assert.True(LettersAre(tld.Name(Language.Spanish), IsLatin), $"{tld.Code} es: {tld.Name(Language.Spanish)}");
            Assert.True(LettersAre(tld.Name(Language.Russian), IsCyrillic), $"{tld.Code} ru: {tld.Name(Language.Russian)}");
            Assert.True(LettersAre(tld.Name(Language.Chinese), IsHan), $"{tld.Code} zh: {tld.Name(Language.Chinese)}");
            Assert.True(LettersAre(tld.Name(Language.Arabic), IsArabic), $"{tld.Code} ar: {tld.Name(Language.Arabic)}");
        }
    }

    [Fact]
    public void Idn_cctlds_take_names_and_region_from_their_countrys_ascii_cctld()
    {
        foreach (var idn in Catalog.All.Where(t => t.Kind == CcTldKind.Idn))
        {
            var ascii = Catalog.Find(idn.CountryCode.ToLowerInvariant());
            Assert.NotNull(ascii);
            Assert.Equal(ascii.Names, idn.Names);
            Assert.Equal(ascii.Region, idn.Region);
        }

        Assert.Equal("Russia", Catalog.Find("рф")!.Name(Language.English));
        Assert.Equal("European Union", Catalog.Find("xn--qxa6a")!.Name(Language.English));
    }

    [Fact]
    public void Region_counts_are_as_decided_in_the_reference_data()
    {
        // Pinned so that a change is deliberate; the reasoning is in the comment block of cctlds.tsv.
        Assert.Equal(
            new Dictionary<IcannRegion, int>
            {
                [IcannRegion.Africa] = 54,
                [IcannRegion.AsiaPacific] = 73,
                [IcannRegion.Europe] = 80,
                [IcannRegion.LatinAmericaCaribbean] = 34,
                [IcannRegion.NorthAmerica] = 7,
            },
            CountByRegion(CcTldKind.Ascii));
        Assert.Equal(
            new Dictionary<IcannRegion, int>
            {
                [IcannRegion.Africa] = 6,
                [IcannRegion.AsiaPacific] = 46,
                [IcannRegion.Europe] = 9,
                [IcannRegion.LatinAmericaCaribbean] = 0,
                [IcannRegion.NorthAmerica] = 0,
            },
            CountByRegion(CcTldKind.Idn));
    }

    [Theory]
    [InlineData("nc", "FR", IcannRegion.Europe)]
    [InlineData("pf", "FR", IcannRegion.Europe)]
    [InlineData("ky", "GB", IcannRegion.Europe)]
    [InlineData("gu", "US", IcannRegion.NorthAmerica)]
    [InlineData("pr", "US", IcannRegion.NorthAmerica)]
    [InlineData("sx", "NL", IcannRegion.LatinAmericaCaribbean)]
    [InlineData("hk", "CN", IcannRegion.AsiaPacific)]
    [InlineData("ac", "GB", IcannRegion.Europe)]
    public void Territories_count_with_their_mother_country_unless_overridden(string code, string sovereign, IcannRegion region)
    {
        var tld = Catalog.Find(code);
        Assert.NotNull(tld);
        Assert.Equal(sovereign, tld.Sovereign);
        Assert.Equal(region, tld.Region);
    }

    [Fact]
    public void Sovereigns_agree_with_the_iso_dataset()
    {
        // Its is_independent column reads "Yes", "Part of FR", "Territory of GB", "Crown dependency
        // of GB", "Associated with NZ", "In contention", "International"...
        var dataset = CountryCodes().ToDictionary(r => r["ISO3166-1-Alpha-2"], r => r["is_independent"], StringComparer.Ordinal);
        foreach (var tld in Catalog.All.Where(t => t.Kind == CcTldKind.Ascii && dataset.ContainsKey(t.CountryCode)))
        {
            var status = dataset[tld.CountryCode];
            var of = status.LastIndexOf(" of ", StringComparison.Ordinal);
            var expected = of < 0 ? null : status[(of + 4)..];
            Assert.True(expected == tld.Sovereign, $"{tld.Code}: dataset '{status}', ours '{tld.Sovereign}'");
        }
    }

    [Fact]
    public void Every_sovereign_is_itself_a_sovereign_state()
    {
        foreach (var territory in Catalog.All.Where(t => t.Sovereign is not null))
        {
            var mother = Catalog.All.Single(t => t.Kind == CcTldKind.Ascii && t.CountryCode == territory.Sovereign);
            Assert.Null(mother.Sovereign);
        }
    }

    [Fact]
    public void Each_regional_organisation_has_members_and_centr_reaches_beyond_europe()
    {
        Assert.Equal(["aftld", "aptld", "centr", "lactld"], Catalog.RegionalOrganisations.Select(o => o.Code));
        foreach (var organisation in Catalog.RegionalOrganisations)
        {
            Assert.Contains(Catalog.All, t => t.RegionalOrganisations.Contains(organisation.Code));
        }

        Assert.All(["ca", "jp", "nz"], code => Assert.Contains("centr", Catalog.Find(code)!.RegionalOrganisations));
    }

    [Fact]
    public void English_names_agree_with_iso_un_or_cldr_names_except_deliberate_differences()
    {
        var dataset = CountryCodes().ToDictionary(r => r["ISO3166-1-Alpha-2"], StringComparer.Ordinal);
        var differing = new List<string>();
        foreach (var tld in Catalog.All.Where(t => t.Kind == CcTldKind.Ascii))
        {
            var known = dataset.TryGetValue(tld.CountryCode, out var row)
                ? new[] { row["official_name_en"], row["UNTERM English Short"], row["CLDR display name"] }.Select(Comparable).ToHashSet(StringComparer.Ordinal)
                : [];
            if (!known.Contains(Comparable(tld.Name(Language.English))))
            {
                differing.Add(tld.Code);
            }
        }

        // Both ways: an undocumented difference fails, and so does a documented one that is gone.
        Assert.Equal(DeliberateEnglishNames.Keys.Order(StringComparer.Ordinal), differing.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("fr", "fr")]
    [InlineData(".FR", "fr")]
    [InlineData(" .Fr. ", "fr")]
    [InlineData("рф", "xn--p1ai")]
    [InlineData(".РФ", "xn--p1ai")]
    [InlineData("XN--P1AI", "xn--p1ai")]
    [InlineData("\u200F.السعودية\u200E", "xn--mgberp4a5d4ar")]
    [InlineData("中國", "xn--fiqz9s")]
    public void Look_ups_accept_what_people_type(string label, string code)
    {
        Assert.True(Catalog.TryGet(label, out var tld));
        Assert.Equal(code, tld.Code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" . ")]
    [InlineData("com")]
    [InlineData("an")]
    [InlineData("um")]
    public void Look_ups_of_what_is_not_a_delegated_cctld_fail(string? label)
    {
        Assert.False(Catalog.TryGet(label, out _));
        Assert.Null(Catalog.Find(label));
    }

    private static Dictionary<IcannRegion, int> CountByRegion(CcTldKind kind) =>
        IcannRegions.All.ToDictionary(r => r, r => Catalog.All.Count(t => t.Kind == kind && t.Region == r));

    private static IEnumerable<string> IanaTlds() =>
        File.ReadLines(SharedCorpus.PathOf("cctld-lists", "iana-data", "iana-tlds.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Trim().ToLowerInvariant());

    private static List<Dictionary<string, string>> CountryCodes() =>
        CorpusCsv.Read(SharedCorpus.PathOf("cctld-lists", "datasets-country-codes", "country-codes.csv"))
            .Where(r => r["ISO3166-1-Alpha-2"].Length == 2)
            .ToList();

    // CLDR writes "St. Kitts & Nevis" and "Côte d’Ivoire"; the UN "Bahamas (the)".
    private static string Comparable(string name)
    {
        var text = name.Replace(" & ", " and ", StringComparison.Ordinal).Replace('\u2019', '\'');
        if (text.StartsWith("St. ", StringComparison.Ordinal))
        {
            text = "Saint " + text[4..];
        }

        return text.EndsWith(" (the)", StringComparison.Ordinal) ? text[..^6] : text;
    }

    private static bool LettersAre(string text, Func<char, bool> script) =>
        text.Any(char.IsLetter) && text.Where(char.IsLetter).All(script);

    private static bool IsLatin(char c) => c <= '\u024F' || c is >= '\u1E00' and <= '\u1EFF';

    private static bool IsCyrillic(char c) => c is >= '\u0400' and <= '\u04FF';

    private static bool IsHan(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF';

    private static bool IsArabic(char c) =>
        c is >= '\u0600' and <= '\u06FF' or >= '\u0750' and <= '\u077F' or >= '\u08A0' and <= '\u08FF'
            or >= '\uFB50' and <= '\uFDFF' or >= '\uFE70' and <= '\uFEFF';
}
