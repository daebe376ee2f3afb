using TldOps.Core.Common;
using TldOps.Core.Membership.Texts;

namespace TldOps.Core.Tests.Membership;

public sealed class TextCatalogTests
{
    [Fact]
    public void Every_language_has_every_text_with_the_same_placeholders()
    {
        var catalog = TextCatalog.Shipped;
        var english = catalog.Keys.ToHashSet();
        Assert.Contains("join-admin.body", english);
        foreach (var language in Language.All)
        {
            Assert.Equal(english.Order(), catalog.KeysOf(language).Order());
            foreach (var key in english)
            {
                Assert.True(TextCatalog.PlaceholdersOf(catalog.Raw("en", key)).SetEquals(TextCatalog.PlaceholdersOf(catalog.Raw(language, key))), $"{language} {key}");
                // Words that are the same in French ("Mobile", "Europe") are the only texts left as in English.
                var sameEverywhere = key is "repo.mobile" or "repo.region.europe";
                Assert.True(language == "en" || sameEverywhere || catalog.Raw("en", key) != catalog.Raw(language, key), $"{language} {key} is not translated");
            }
        }
    }

    [Fact]
    public void Subjects_that_can_be_answered_keep_the_tag_in_every_language()
    {
        foreach (var language in Language.All)
        {
            foreach (var key in new[] { "join-admin.subject", "reconfirm.subject", "refused.subject" })
            {
                Assert.StartsWith("[TLD-OPS #{tag}]", TextCatalog.Shipped.Raw(language, key), StringComparison.Ordinal);
            }

            Assert.Contains("\"approve\"", TextCatalog.Shipped.Raw(language, "join-admin.body").Replace('«', '"').Replace('»', '"').Replace("\" approve \"", "\"approve\"", StringComparison.Ordinal), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_missing_value_is_a_bug_and_a_repeated_key_is_refused()
    {
        Assert.Throws<KeyNotFoundException>(() => TextCatalog.Shipped.Format("en", "join-admin.subject"));
        Assert.Throws<FormatException>(() => TextCatalog.Parse("=== a\nx\n=== a\ny\n"));
        Assert.Equal("Approve:", TextCatalog.Parse("# c\n=== k\nApprove:\n\n")["k"]);
        Assert.Equal(TextCatalog.Shipped.Raw("en", "repo.title"), TextCatalog.Shipped.Raw("xx", "repo.title"));
    }
}
