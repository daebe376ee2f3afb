using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TldOps.Server.Hosting;

namespace TldOps.Server.Web.Security;

/// <summary>Authentication, authorisation, antiforgery and rate limits of the portal.</summary>
internal static class PortalSecurity
{
    public static IServiceCollection AddPortalSecurity(this IServiceCollection services, PortalSettings portal, RateLimitSettings rateLimits)
    {
        ArgumentNullException.ThrowIfNull(portal);
        services.AddAuthentication(SessionAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, SessionAuthenticationHandler>(SessionAuthenticationHandler.SchemeName, null);
        services.AddAuthorization(PortalPolicies.Configure);
        // Razor Pages check the antiforgery token on every POST. The cookie name cannot follow each
        // request's scheme, so it follows the configured public URL: __Host- only where HTTPS is.
        var https = portal.EffectivePublicUrl.StartsWith("https:", StringComparison.OrdinalIgnoreCase);
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = https ? "__Host-tldops-af" : "tldops-af";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = https ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            options.Cookie.Path = "/";
            options.FormFieldName = "__csrf";
            options.SuppressXFrameOptionsHeader = true; // SecurityHeadersMiddleware sets DENY on everything.
        });
        services.AddPortalRateLimits(rateLimits);
        return services;
    }

    /// <summary>After routing: who is asking, whether they may, and how often.</summary>
    public static WebApplication UsePortalSecurity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAuthentication();
        app.UseMiddleware<PrivateResponseMiddleware>();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }
}
