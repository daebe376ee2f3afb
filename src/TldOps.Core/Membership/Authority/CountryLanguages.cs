using System.Collections.Frozen;
using TldOps.Core.Common;

namespace TldOps.Core.Membership.Authority;

/// <summary>
/// The main language, among the six UN languages TLD-OPS writes in, of each country or territory
/// where one of them is the main official language, by ISO 3166 code. Anywhere else (and where two
/// compete, as in Belgium, Switzerland or Canada) mail goes in English, the community's working
/// language. IANA records say nothing about language, so this is a guess an admin contact can
/// live with: every mail also says how to answer in English.
/// </summary>
public static class CountryLanguages
{
    private static readonly FrozenDictionary<string, string> Main = Build();

    /// <summary>The language for a country code ("FR" → "fr"); English when none of the six is its main language.</summary>
    public static string For(string? countryCode) =>
        countryCode is not null && Main.TryGetValue(countryCode.ToUpperInvariant(), out var language) ? language : Language.English;

    private static FrozenDictionary<string, string> Build()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string language, string codes)
        {
            foreach (var code in codes.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                map.Add(code, language);
            }
        }

        // France and its overseas territories, Monaco, Luxembourg, and the francophone states of
        // Africa, the Indian Ocean and the Caribbean where French is the language of administration.
        Add(Language.French, "FR GP MQ GF RE YT PM BL MF NC PF WF TF MC LU SN CI ML BF NE TG BJ GN CM GA CG CD CF TD MG BI HT KM DJ");
        // Spain and the Spanish-speaking Americas and Equatorial Guinea.
        Add(Language.Spanish, "ES MX GT HN SV NI CR PA CU DO PR CO VE EC PE BO PY UY AR CL GQ");
        // Russia and the states where Russian is the main language of public life.
        Add(Language.Russian, "RU BY KZ KG");
        // The People's Republic of China, Taiwan, Hong Kong and Macao.
        Add(Language.Chinese, "CN TW HK MO");
        // The member states of the Arab League where Arabic is the main official language.
        Add(Language.Arabic, "SA AE BH DZ EG IQ JO KW LB LY MA MR OM PS QA SD SY TN YE");
        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
