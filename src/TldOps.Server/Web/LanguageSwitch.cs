using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Routing;
using TldOps.Core.Common;

namespace TldOps.Server.Web;

/// <summary>
/// <c>GET /language/{code}?return=/coverage</c>: what the language switcher's links do. Remembers
/// the choice in a cookie (so that addresses without a language, such as /coverage, open in it)
/// and goes to the same page in that language. Works without JavaScript.
/// </summary>
internal static class LanguageSwitch
{
    // A year: a language choice is a lasting preference.
    private static readonly TimeSpan CookieLifetime = TimeSpan.FromDays(365);

    public static IEndpointRouteBuilder MapLanguageSwitch(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/language/{code}", (string code, string? @return, HttpContext context) =>
        {
            var language = Language.Match(code);
            if (language is null || code.Length != 2)
            {
                return Results.NotFound();
            }

            context.Response.Cookies.Append(PortalLanguage.CookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language)),
                new CookieOptions
                {
                    Path = "/",
                    MaxAge = CookieLifetime,
                    HttpOnly = true,
                    Secure = context.Request.IsHttps,
                    SameSite = SameSiteMode.Lax,
                    IsEssential = true,
                });
            return Results.Redirect(PortalLanguage.PageUrl(language, SafeReturnPath(@return)));
        }).AllowAnonymous();
        return endpoints;
    }

    /// <summary>
    /// The page to return to, as a language-neutral local path; anything else (another site,
    /// "//host", a backslash trick, an absurd length) falls back to the home page.
    /// </summary>
    public static string SafeReturnPath(string? path)
    {
        if (string.IsNullOrEmpty(path) || path.Length > 256 || path[0] != '/'
            || path.StartsWith("//", StringComparison.Ordinal) || path.Contains('\\', StringComparison.Ordinal)
            || path.Any(char.IsControl) || path.Contains(':', StringComparison.Ordinal))
        {
            return "/";
        }

        return PortalLanguage.WithoutLanguage(path);
    }
}
