namespace TldOps.Core.Common;

/// <summary>
/// The six UN languages that TLD-OPS works in: the portal, the mails and the playbooks exist in
/// each. Codes are the two-letter ISO 639-1 codes; Arabic is written right to left.
/// </summary>
public static class Language
{
    public const string English = "en";
    public const string French = "fr";
    public const string Spanish = "es";
    public const string Russian = "ru";
    public const string Chinese = "zh";
    public const string Arabic = "ar";

    /// <summary>The supported languages, English first (the fallback).</summary>
    public static IReadOnlyList<string> All { get; } = [English, French, Spanish, Russian, Chinese, Arabic];

    public static bool IsSupported(string? code) => code is not null && All.Contains(code, StringComparer.OrdinalIgnoreCase);

    public static bool IsRightToLeft(string code) => string.Equals(code, Arabic, StringComparison.OrdinalIgnoreCase);

    /// <summary>The supported language for a tag such as "fr-CA" or "zh-Hans", or null.</summary>
    public static string? Match(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return null;
        }

        var primary = tag.Trim().Split('-', '_')[0].ToLowerInvariant();
        return IsSupported(primary) ? primary : null;
    }
}
