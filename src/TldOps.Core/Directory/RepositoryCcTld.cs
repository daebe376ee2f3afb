using TldOps.Core.Registry;

namespace TldOps.Core.ContactDirectory;

/// <summary>A member ccTLD and its contacts, sorted by name.</summary>
/// <param name="Code">ASCII code ("fr", "xn--p1ai").</param>
/// <param name="Display">How people write it (".fr", ".рф").</param>
/// <param name="Region">Its ICANN region.</param>
/// <param name="Names">The country or territory name per language.</param>
/// <param name="Contacts">The active contacts.</param>
public sealed record RepositoryCcTld(string Code, string Display, IcannRegion Region, IReadOnlyDictionary<string, string> Names, IReadOnlyList<RepositoryContact> Contacts)
{
    /// <summary>The country name in <paramref name="language"/>, English when missing.</summary>
    public string Name(string language) => Names.TryGetValue(language, out var name) ? name : Names.GetValueOrDefault(Common.Language.English, Code);
}
