using TldOps.Core.Lists.Notices.Languages;

namespace TldOps.Core.Lists.Notices;

/// <summary>The notices in the six languages of the community; English when a language is unknown.</summary>
public static class NoticeCatalog
{
    private static readonly Dictionary<string, NoticeLanguage> ByCode = new List<NoticeLanguage>
    {
        EnglishNotices.Texts, FrenchNotices.Texts, SpanishNotices.Texts, RussianNotices.Texts, ChineseNotices.Texts, ArabicNotices.Texts,
    }.ToDictionary(l => l.Code, StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyCollection<NoticeLanguage> All => ByCode.Values;

    public static NoticeLanguage English => EnglishNotices.Texts;

    public static NoticeLanguage For(string? language) =>
        language is not null && ByCode.TryGetValue(language, out var texts) ? texts : EnglishNotices.Texts;
}
