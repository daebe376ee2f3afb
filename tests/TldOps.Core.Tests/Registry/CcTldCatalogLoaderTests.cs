using TldOps.Core.Common;
using TldOps.Core.Registry;

namespace TldOps.Core.Tests.Registry;

/// <summary>The reference-data loader: what it accepts, what it inherits, and that each malformed file names its line.</summary>
public sealed class CcTldCatalogLoaderTests
{
    private const string Organisations = "code\tname\twebsite\nx\tX Org\thttps://x.example\ny\tY Org\t\n";
    private const string Header = "code\tu_label\tcountry\tscript\tsovereign\tregion\torganisations\ten\tfr\tes\tru\tzh\tar";
    private const string Aa = "aa\t\tAA\t\t\teurope\tx\tAland\tAlande\tAlanda\tАланд\t阿兰\tآلاند";
    private const string Bb = "bb\t\tBB\t\tAA\t\t\tBeeland\tBéland\tBelandia\tБиланд\t比兰\tبيلاند";
    private const string Rf = "xn--p1ai\tрф\tAA\tCyrl\t\t\ty\t\t\t\t\t\t";

    private static string File(params string[] lines) => string.Join('\n', lines) + "\n";

    [Fact]
    public void A_valid_file_parses_with_inherited_names_and_regions()
    {
        var catalog = CcTldCatalog.Parse(File("# comment", "", Header, Aa, Bb, "cc\t\tCC\t\tAA\tafrica\t\tC\tC\tC\tC\tC\tC", Rf), Organisations);

        Assert.Equal(["aa", "bb", "cc", "xn--p1ai"], catalog.All.Select(t => t.Code));
        var rf = catalog.Find("рф")!;
        Assert.Equal(CcTldKind.Idn, rf.Kind);
        Assert.Equal("Cyrl", rf.Script);
        Assert.Equal("Aland", rf.Name(Language.English));
        Assert.Equal(IcannRegion.Europe, rf.Region);
        Assert.Equal(["y"], rf.RegionalOrganisations);
        Assert.Equal(IcannRegion.Europe, catalog.Find("bb")!.Region);
        Assert.Equal("AA", catalog.Find("bb")!.Sovereign);
        Assert.Equal(IcannRegion.Africa, catalog.Find("cc")!.Region);
        Assert.Equal(["X Org", "Y Org"], catalog.RegionalOrganisations.Select(o => o.Name));
    }

    [Fact]
    public void Crlf_line_ends_and_a_byte_order_mark_are_accepted()
    {
        var catalog = CcTldCatalog.Parse("\uFEFF" + File(Header, Aa, Rf).Replace("\n", "\r\n", StringComparison.Ordinal), Organisations);

        Assert.Equal(2, catalog.All.Count);
    }

    [Fact]
    public void The_digest_changes_with_the_content()
    {
        var one = CcTldCatalog.Parse(File(Header, Aa), Organisations);
        var same = CcTldCatalog.Parse(File(Header, Aa), Organisations);
        var other = CcTldCatalog.Parse(File(Header, Aa.Replace("Aland\t", "Aaland\t", StringComparison.Ordinal)), Organisations);

        Assert.Equal(one.Sha256, same.Sha256);
        Assert.NotEqual(one.Sha256, other.Sha256);
    }

    public static TheoryData<string, string, int> MalformedCcTlds => new()
    {
        { "no header", File("# only a comment", ""), 1 },
        { "wrong header", File("# header follows", Header.Replace("\ten\t", "\tname\t", StringComparison.Ordinal), Aa), 2 },
        { "too few columns", File(Header, Aa, "zz\t\tZZ\t\t\teurope"), 3 },
        { "a name missing", File(Header, Aa, "zz\t\tZZ\t\t\teurope\t\tZ\tZ\tZ\tZ\tZ\t"), 3 },
        { "no names at all on an ASCII row", File(Header, "zz\t\tZZ\t\t\teurope\t\t\t\t\t\t\t"), 2 },
        { "unknown region", File(Header, Aa, "zz\t\tZZ\t\t\tantarctica\t\tZ\tZ\tZ\tZ\tZ\tZ"), 3 },
        { "no region and no sovereign", File(Header, "zz\t\tZZ\t\t\t\t\tZ\tZ\tZ\tZ\tZ\tZ"), 2 },
        { "its own sovereign", File(Header, "zz\t\tZZ\t\tZZ\t\t\tZ\tZ\tZ\tZ\tZ\tZ"), 2 },
        { "unknown sovereign", File(Header, Aa, "zz\t\tZZ\t\tQQ\t\t\tZ\tZ\tZ\tZ\tZ\tZ"), 3 },
        { "unknown organisation", File(Header, Aa, "zz\t\tZZ\t\t\teurope\tx,centr\tZ\tZ\tZ\tZ\tZ\tZ"), 3 },
        { "duplicate code", File(Header, Aa, Bb, Aa), 4 },
        { "duplicate IDN", File(Header, Aa, Rf, Rf), 4 },
        { "upper-case ASCII code", File(Header, Aa.Replace("aa\t", "AA\t", StringComparison.Ordinal)), 2 },
        { "three-letter ASCII code", File(Header, Aa.Replace("aa\t", "aaa\t", StringComparison.Ordinal)), 2 },
        { "lower-case country", File(Header, Aa.Replace("\tAA\t", "\taa\t", StringComparison.Ordinal)), 2 },
        { "an ASCII row with a script", File(Header, Aa.Replace("\tAA\t\t", "\tAA\tLatn\t", StringComparison.Ordinal)), 2 },
        { "an ASCII row with another u_label", File(Header, Aa.Replace("aa\t\t", "aa\tab\t", StringComparison.Ordinal)), 2 },
        { "IDN whose U-label encodes to another A-label", File(Header, Aa, Rf.Replace("рф", "ру", StringComparison.Ordinal)), 3 },
        { "IDN without its U-label", File(Header, Aa, Rf.Replace("\tрф\t", "\t\t", StringComparison.Ordinal)), 3 },
        { "IDN with its A-label as U-label", File(Header, Aa, Rf.Replace("\tрф\t", "\txn--p1ai\t", StringComparison.Ordinal)), 3 },
        { "IDN whose U-label is not a valid label", File(Header, Aa, Rf.Replace("\tрф\t", "\tр ф\t", StringComparison.Ordinal)), 3 },
        { "IDN without a script", File(Header, Aa, Rf.Replace("\tCyrl\t", "\t\t", StringComparison.Ordinal)), 3 },
        { "IDN with a script that is not ISO 15924", File(Header, Aa, Rf.Replace("\tCyrl\t", "\tCyrillic\t", StringComparison.Ordinal)), 3 },
        { "IDN without names and without an ASCII ccTLD for its country", File(Header, Aa, Rf.Replace("\tAA\t", "\tRU\t", StringComparison.Ordinal)), 3 },
        { "IDN with some names only", File(Header, Aa, "xn--p1ai\tрф\tAA\tCyrl\t\t\t\tRF\t\t\t\t\t"), 3 },
    };

    [Theory]
    [MemberData(nameof(MalformedCcTlds))]
    public void A_malformed_cctld_file_fails_naming_the_line(string problem, string cctlds, int line)
    {
        var error = Assert.Throws<ReferenceDataException>(() => CcTldCatalog.Parse(cctlds, Organisations));

        Assert.True(line == error.Line, $"{problem}: expected line {line}, got {error.Message}");
        Assert.Equal("cctlds.tsv", error.File);
        Assert.StartsWith($"cctlds.tsv:{line}: ", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, int> MalformedOrganisations => new()
    {
        { "wrong header", "code\tname\n", 1 },
        { "no name", "code\tname\twebsite\nx\t\thttps://x.example\n", 2 },
        { "twice", "# two\ncode\tname\twebsite\nx\tX\t\nx\tX again\t\n", 4 },
    };

    [Theory]
    [MemberData(nameof(MalformedOrganisations))]
    public void A_malformed_organisations_file_fails_naming_the_line(string problem, string organisations, int line)
    {
        var error = Assert.Throws<ReferenceDataException>(() => CcTldCatalog.Parse(File(Header, Aa), organisations));

        Assert.True(line == error.Line, $"{problem}: expected line {line}, got {error.Message}");
        Assert.Equal("regional-organisations.tsv", error.File);
    }

    [Fact]
    public void Every_strict_prefix_of_a_valid_file_parses_or_fails_with_a_reference_data_exception()
    {
        var text = File("# sample", Header, Aa, Bb, Rf);
        for (var length = 0; length < text.Length; length++)
        {
            var prefix = text[..length];
            try
            {
                // A prefix that ends inside the last cell of a row is a shorter but well-formed file.
                var catalog = CcTldCatalog.Parse(prefix, Organisations);
                Assert.InRange(catalog.All.Count, 0, 3);
            }
            catch (ReferenceDataException error)
            {
                Assert.InRange(error.Line, 1, 5);
            }
        }
    }

    [Fact]
    public void Arguments_must_not_be_null()
    {
        Assert.Throws<ArgumentNullException>(() => CcTldCatalog.Parse(null!, Organisations));
        Assert.Throws<ArgumentNullException>(() => CcTldCatalog.Parse(File(Header, Aa), null!));
    }
}
