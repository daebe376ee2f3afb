using Microsoft.AspNetCore.Http;

namespace TldOps.Server.Web;

/// <summary>
/// Adds the security headers to every response: a Content-Security-Policy that allows only this
/// origin (the portal has no inline script or style and no third-party content) and forbids
/// framing, no MIME sniffing, and no Referer sent anywhere.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        // For browsers that predate CSP frame-ancestors.
        headers.XFrameOptions = "DENY";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        return next(context);
    }
}
