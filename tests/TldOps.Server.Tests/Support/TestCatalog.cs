using TldOps.Core.Registry;

namespace TldOps.Server.Tests.Support;

/// <summary>
/// A small reference data set covering what coverage must handle: all five regions, a territory
/// counting in its mother country's region (.nc), and IDN ccTLDs inheriting names and regions.
/// </summary>
internal static class TestCatalog
{
    private const string Header = "code\tu_label\tcountry\tscript\tsovereign\tregion\torganisations\ten\tfr\tes\tru\tzh\tar\n";

    private const string Organisations = "code\tname\twebsite\ncentr\tCENTR\thttps://www.centr.org\naftld\tAfTLD\thttps://aftld.org\n";

    private static readonly string[] Rows =
    [
        "ae\t\tAE\t\t\tasia-pacific\t\tUnited Arab Emirates\tÉmirats arabes unis\tEmiratos Árabes Unidos\tОбъединённые Арабские Эмираты\t阿拉伯联合酋长国\tالإمارات العربية المتحدة",
        "ao\t\tAO\t\t\tafrica\taftld\tAngola\tAngola\tAngola\tАнгола\t安哥拉\tأنغولا",
        "bj\t\tBJ\t\t\tafrica\taftld\tBenin\tBénin\tBenín\tБенин\t贝宁\tبنن",
        "br\t\tBR\t\t\tlatin-america-caribbean\t\tBrazil\tBrésil\tBrasil\tБразилия\t巴西\tالبرازيل",
        "ca\t\tCA\t\t\tnorth-america\tcentr\tCanada\tCanada\tCanadá\tКанада\t加拿大\tكندا",
        "de\t\tDE\t\t\teurope\tcentr\tGermany\tAllemagne\tAlemania\tГермания\t德国\tألمانيا",
        "fr\t\tFR\t\t\teurope\tcentr\tFrance\tFrance\tFrancia\tФранция\t法国\tفرنسا",
        "jp\t\tJP\t\t\tasia-pacific\tcentr\tJapan\tJapon\tJapón\tЯпония\t日本\tاليابان",
        "nc\t\tNC\t\tFR\t\t\tNew Caledonia\tNouvelle-Calédonie\tNueva Caledonia\tНовая Каледония\t新喀里多尼亚\tكاليدونيا الجديدة",
        "ru\t\tRU\t\t\teurope\tcentr\tRussia\tRussie\tRusia\tРоссия\t俄罗斯\tروسيا",
        "xn--mgbaam7a8h\tامارات\tAE\tArab\t\t\t\t\t\t\t\t\t",
        "xn--p1ai\tрф\tRU\tCyrl\t\t\t\t\t\t\t\t\t",
    ];

    public static CcTldCatalog Create() => CcTldCatalog.Parse(Header + string.Join("\n", Rows) + "\n", Organisations);
}
