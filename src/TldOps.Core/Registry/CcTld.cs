using TldOps.Core.Common;

namespace TldOps.Core.Registry;

/// <summary>
/// One delegated ccTLD as the reference data describes it.
/// </summary>
/// <param name="Code">The ASCII form without the dot, lower case: "fr", "xn--p1ai".</param>
/// <param name="ULabel">The Unicode form: "fr", "рф".</param>
/// <param name="Kind">ASCII or IDN.</param>
/// <param name="CountryCode">The two-letter code (upper case) of the country or territory it is delegated for.</param>
/// <param name="Script">For IDN ccTLDs, the ISO 15924 script code ("Cyrl"); null for ASCII ones.</param>
/// <param name="Sovereign">For a dependent territory, the country code of its mother country; else null.</param>
/// <param name="Region">The ICANN region it counts in (after the mother-country rule and any override in the data).</param>
/// <param name="RegionalOrganisations">Codes of the regional organisations it belongs to ("centr", …).</param>
/// <param name="Names">The country or territory name per language code (all six languages).</param>
public sealed record CcTld(
    string Code,
    string ULabel,
    CcTldKind Kind,
    string CountryCode,
    string? Script,
    string? Sovereign,
    IcannRegion Region,
    IReadOnlyList<string> RegionalOrganisations,
    IReadOnlyDictionary<string, string> Names)
{
    /// <summary>The name in <paramref name="language"/>, falling back to English.</summary>
    public string Name(string language) =>
        Names.TryGetValue(language, out var name) ? name : Names[Common.Language.English];

    /// <summary>How people write it: ".fr", ".рф".</summary>
    public string Display => "." + ULabel;
}
