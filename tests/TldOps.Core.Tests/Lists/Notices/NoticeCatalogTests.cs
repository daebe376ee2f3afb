using System.Reflection;
using System.Text.RegularExpressions;
using TldOps.Core.Common;
using TldOps.Core.Lists.Chains;
using TldOps.Core.Lists.Notices;

namespace TldOps.Core.Tests.Lists.Notices;

public sealed partial class NoticeCatalogTests
{
    public static TheoryData<string> Languages() => [.. Language.All];

    [Theory, MemberData(nameof(Languages))]
    public void Every_language_has_every_notice_with_the_same_placeholders_as_english(string code)
    {
        var texts = NoticeCatalog.For(code);
        Assert.Equal(code, texts.Code);
        foreach (var property in typeof(NoticeLanguage).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.PropertyType == typeof(string) && p.Name != nameof(NoticeLanguage.Code)))
        {
            var english = (string)property.GetValue(NoticeCatalog.English)!;
            var translated = (string)property.GetValue(texts)!;
            Assert.False(string.IsNullOrWhiteSpace(translated), $"{code} {property.Name}");
            Assert.Equal(Placeholders(english), Placeholders(translated));
        }
    }

    [Theory, MemberData(nameof(Languages))]
    public void Every_language_explains_every_rule_that_can_hold_or_reject(string code)
    {
        var deciding = DefaultPostingChain.Links.Where(l => l.Action is ChainAction.Hold or ChainAction.Reject).Select(l => l.Rule).Order();

        Assert.Equal(deciding, NoticeCatalog.For(code).RuleReasons.Keys.Order());
    }

    [Fact]
    public void An_unknown_language_falls_back_to_english_and_unknown_placeholders_stay_visible()
    {
        Assert.Same(NoticeCatalog.English, NoticeCatalog.For("de"));
        Assert.Same(NoticeCatalog.English, NoticeCatalog.For(null));
        Assert.Equal("Dear Ana, {missing} {", NoticeTemplate.Fill("Dear {name}, {missing} {", new Dictionary<string, string> { ["name"] = "Ana" }));
    }

    private static string[] Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Value).Distinct().Order().ToArray();

    [GeneratedRegex(@"\{[a-z]+\}")]
    private static partial Regex Placeholder();
}
