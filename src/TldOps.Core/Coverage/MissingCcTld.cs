using TldOps.Core.Common;
using TldOps.Core.Registry;

namespace TldOps.Core.Coverage;

/// <summary>A delegated ccTLD with nobody on the list yet, with its country or territory name in each language.</summary>
public sealed record MissingCcTld(
    string Code,
    string ULabel,
    CcTldKind Kind,
    string CountryCode,
    IcannRegion Region,
    IReadOnlyDictionary<string, string> Names)
{
    /// <summary>How people write it: ".ao", ".рф".</summary>
    public string Display => "." + ULabel;

    /// <summary>The name in <paramref name="language"/>, falling back to English, then to the code.</summary>
    public string Name(string language) =>
        Names.TryGetValue(language, out var name) ? name : Names.GetValueOrDefault(Language.English, Code);
}
