using Microsoft.AspNetCore.Http;
using TldOps.Core.Membership.Accounts;

namespace TldOps.Server.Web.Security;

/// <summary>
/// The portal's own cookies: the session and the login nonce. HttpOnly, SameSite=Lax (a login
/// link opened from a mail client is a top-level navigation and must carry the nonce), Secure
/// over HTTPS, where their names also take the <c>__Host-</c> prefix (RFC 6265bis §4.1.3.2:
/// the browser then refuses them unless Secure, Path=/ and without Domain, so no subdomain can
/// plant or read them).
/// </summary>
internal static class PortalCookies
{
    private const string Session = "tldops-session";
    private const string LoginNonce = "tldops-login";
    private const string HostPrefix = "__Host-";

    public static string SessionName(HttpRequest request) => Name(Session, request);

    public static string LoginNonceName(HttpRequest request) => Name(LoginNonce, request);

    public static void SetSession(HttpResponse response, IssuedSession session)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(session);
        // A session cookie (no Max-Age): the server decides when it ends, and closing the
        // browser ends it on the client too.
        response.Cookies.Append(SessionName(response.HttpContext.Request), session.Secret, Options(response.HttpContext.Request, null));
    }

    public static void DeleteSession(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Cookies.Delete(SessionName(response.HttpContext.Request), Options(response.HttpContext.Request, null));
    }

    /// <summary>The nonce binding a login link to this browser, with the page to return to after login.</summary>
    public static void SetLoginNonce(HttpResponse response, string nonce, string returnPath, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Cookies.Append(LoginNonceName(response.HttpContext.Request), nonce + "|" + returnPath, Options(response.HttpContext.Request, lifetime));
    }

    /// <summary>The nonce and return path the login form left in this browser, if any.</summary>
    public static (string? Nonce, string ReturnPath) ReadLoginNonce(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var value = request.Cookies[LoginNonceName(request)];
        if (string.IsNullOrEmpty(value))
        {
            return (null, "/");
        }

        var bar = value.IndexOf('|', StringComparison.Ordinal);
        return bar < 0 ? (value, "/") : (value[..bar], LanguageSwitch.SafeReturnPath(value[(bar + 1)..]));
    }

    public static void DeleteLoginNonce(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Cookies.Delete(LoginNonceName(response.HttpContext.Request), Options(response.HttpContext.Request, null));
    }

    private static string Name(string name, HttpRequest request) => request.IsHttps ? HostPrefix + name : name;

    private static CookieOptions Options(HttpRequest request, TimeSpan? maxAge) => new()
    {
        Path = "/",
        HttpOnly = true,
        Secure = request.IsHttps,
        SameSite = SameSiteMode.Lax,
        IsEssential = true,
        MaxAge = maxAge,
    };
}
