using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using TldOps.Core.Common;

namespace TldOps.Server.Web;

/// <summary>
/// How the portal picks and names its language: the first path segment (/fr/…), then the cookie
/// the language switcher sets, then Accept-Language, else English.
/// </summary>
internal static class PortalLanguage
{
    /// <summary>The cookie the switcher sets (ASP.NET Core's "c=fr|uic=fr" format).</summary>
    public const string CookieName = "tldops-language";

    /// <summary>Each language in its own name, as the switcher shows it.</summary>
    public static IReadOnlyDictionary<string, string> OwnNames { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Language.English] = "English",
        [Language.French] = "Français",
        [Language.Spanish] = "Español",
        [Language.Russian] = "Русский",
        [Language.Chinese] = "中文",
        [Language.Arabic] = "العربية",
    };

    public static IReadOnlyList<CultureInfo> Cultures { get; } = Language.All.Select(CultureInfo.GetCultureInfo).ToList();

    /// <summary>The language of this request, as chosen by the localisation middleware.</summary>
    public static string Current(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var culture = context.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture;
        return Language.Match(culture?.Name) ?? Language.English;
    }

    /// <summary>The language named by the first segment of <paramref name="path"/>, or null.</summary>
    public static string? FromPath(PathString path)
    {
        var value = path.Value;
        if (string.IsNullOrEmpty(value) || value.Length < 3)
        {
            return null;
        }

        var end = value.IndexOf('/', 1);
        var segment = end < 0 ? value[1..] : value[1..end];
        return segment.Length == 2 && Language.IsSupported(segment) ? segment.ToLowerInvariant() : null;
    }

    /// <summary>The path the user asked for: on a re-executed error page, the original one.</summary>
    public static PathString RequestedPath(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var original = context.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath;
        return original is null ? context.Request.Path : new PathString(original);
    }

    /// <summary>The language-neutral form of a page path: "/fr/coverage" → "/coverage", "/fr" → "/".</summary>
    public static string WithoutLanguage(string path)
    {
        var language = FromPath(new PathString(path));
        if (language is null)
        {
            return path;
        }

        var rest = path[3..];
        return rest.Length == 0 ? "/" : rest;
    }

    /// <summary>The URL of a page in a language: ("fr", "/coverage") → "/fr/coverage", ("fr", "/") → "/fr/".</summary>
    public static string PageUrl(string language, string pagePath) =>
        pagePath == "/" ? $"/{language}/" : $"/{language}{pagePath}";

    /// <summary>The switcher's link: sets the cookie, then goes to the page in that language.</summary>
    public static string SwitchUrl(string language, string pagePath) =>
        $"/language/{language}?return={Uri.EscapeDataString(pagePath)}";
}
