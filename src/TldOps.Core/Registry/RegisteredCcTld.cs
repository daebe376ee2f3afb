namespace TldOps.Core.Registry;

/// <summary>A ccTLD as stored: the reference data plus what the committee changed (region override, organisations).</summary>
public sealed record RegisteredCcTld(
    string Code,
    string ULabel,
    CcTldKind Kind,
    string CountryCode,
    string? Script,
    IcannRegion Region,
    bool RegionOverridden,
    bool Delegated,
    IReadOnlyList<string> RegionalOrganisations,
    IReadOnlyDictionary<string, string> Names)
{
    public string Name(string language) =>
        Names.TryGetValue(language, out var name) ? name : Names.GetValueOrDefault(Common.Language.English, Code);

    public string Display => "." + ULabel;
}
