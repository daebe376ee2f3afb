using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using TldOps.Core.Common;
using TldOps.Core.Registry;
using TldOps.Server.Resources;
using TldOps.Testing;

namespace TldOps.Server.Tests.Web;

public sealed partial class PortalTextTests
{
    /// <summary>
    /// Texts that may read the same in another language as in English: names and acronyms used
    /// as such in every language, words spelt alike ("Europe" and "minutes" in French, "No" in
    /// Spanish), and the example phone number, written the same way everywhere.
    /// </summary>
    public static readonly IReadOnlySet<string> Universal = new HashSet<string>(StringComparer.Ordinal)
    {
        "TLD-OPS", "DNS", "IDN", "ccTLD", "ccNSO", "SSAC", "IANA", "ICANN", "DDoS", "JSON", "Europe", "TOTP", "No", "minutes",
        "+33 1 39 30 83 00",
    };

    private static readonly ResourceManager Texts = new(typeof(PortalText));

    public static TheoryData<string> OtherLanguages() => new(Language.All.Where(l => l != Language.English));

    [Theory]
    [MemberData(nameof(OtherLanguages))]
    public void Every_text_exists_in_every_language_and_is_translated(string language)
    {
        var english = Set(CultureInfo.InvariantCulture);
        var translated = Set(CultureInfo.GetCultureInfo(language));

        Assert.NotEmpty(english);
        Assert.Equal(english.Keys.Order(StringComparer.Ordinal), translated.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, value) in translated)
        {
            Assert.False(string.IsNullOrWhiteSpace(value), $"{language}: {key} is empty");
            Assert.True(value != english[key] || Universal.Contains(value), $"{language}: {key} is still English: '{value}'");
            Assert.Equal(Placeholders(english[key]), Placeholders(value));
            Assert.Equal(value.Trim(), value);
        }
    }

    [Fact]
    public void Every_text_the_pages_ask_for_exists()
    {
        var english = Set(CultureInfo.InvariantCulture);
        // Views ask with T["Key"]; page models and helpers with T["Key"] or Texts["Key"].
        var web = Path.Combine(SharedCorpus.RepositoryRoot, "src", "TldOps.Server", "Web");
        var used = Directory.EnumerateFiles(web, "*.cshtml", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(web, "*.cs", SearchOption.AllDirectories))
            .SelectMany(f => UsedKey().Matches(File.ReadAllText(f)).Select(m => m.Groups["key"].Value))
            .Concat(IcannRegions.All.Select(r => "Region" + r))
            .ToHashSet(StringComparer.Ordinal);

        Assert.True(used.Count > 30, $"only {used.Count} keys found: is the pattern still right?");
        var missing = used.Where(k => !english.ContainsKey(k)).ToList();
        var unused = english.Keys.Where(k => !used.Contains(k)).ToList();
        Assert.True(missing.Count == 0, "asked for but not in PortalText.resx: " + string.Join(", ", missing));
        Assert.True(unused.Count == 0, "in PortalText.resx but never used: " + string.Join(", ", unused));
    }

    [Fact]
    public void The_resx_files_in_the_repository_are_the_six_languages()
    {
        var folder = Path.Combine(SharedCorpus.RepositoryRoot, "src", "TldOps.Server", "Resources");
        var files = Directory.EnumerateFiles(folder, "PortalText*.resx").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(
            ["PortalText.ar.resx", "PortalText.es.resx", "PortalText.fr.resx", "PortalText.resx", "PortalText.ru.resx", "PortalText.zh.resx"],
            files);
    }

    private static Dictionary<string, string> Set(CultureInfo culture)
    {
        var set = Texts.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"No texts for {culture.Name}: is the satellite assembly built?");
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);
    }

    private static string[] Placeholders(string text) =>
        PlaceholderPattern().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal).ToArray();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex PlaceholderPattern();

    [GeneratedRegex(@"\b(?:T|Texts)\[""(?<key>[A-Za-z]+)""")]
    private static partial Regex UsedKey();
}
