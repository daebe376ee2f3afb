using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.WebEncoders;
using TldOps.Core.Common;
using TldOps.Server.Hosting;
using TldOps.Server.Web.Security;

namespace TldOps.Server.Web;

/// <summary>The web portal's services and request pipeline.</summary>
internal static class PortalSetup
{
    public static IServiceCollection AddPortal(this IServiceCollection services, PortalSettings portal, RateLimitSettings rateLimits)
    {
        services.AddLocalization();
        // Pages are in six scripts: write their text as UTF-8, not as numeric character references
        // (HTML-significant characters are still escaped).
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.Configure<RouteOptions>(o => o.ConstraintMap[LanguageRouteConstraint.Name] = typeof(LanguageRouteConstraint));
        services.AddRazorPages(options =>
            {
                options.RootDirectory = "/Web/Pages";
                // Every page also answers under each language prefix: /fr/, /fr/coverage.
                options.Conventions.Add(new LanguageRouteConvention());
                options.Conventions.Add(new MembersOnlyByDefault());
            })
            // The pages are compiled into this assembly; name it, since the entry assembly is not
            // always tldops (tests host the portal in-process).
            .AddApplicationPart(typeof(PortalSetup).Assembly);
        services.AddSingleton<PortalAssets>();
        services.AddPortalSecurity(portal, rateLimits);
        return services;
    }

    public static WebApplication UsePortal(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseWhen(
            context => !context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal)
                && !context.Request.Path.StartsWithSegments("/assets", StringComparison.Ordinal),
            branch => branch.UseStatusCodePagesWithReExecute("/error/{0}"));
        app.UseRequestLocalization(LocalizationOptions());
        // After the status code pages, so that a re-executed request is routed again.
        app.UseRouting();
        app.UsePortalSecurity();

        app.Services.GetRequiredService<PortalAssets>().Map(app);
        app.MapLanguageSwitch();
        app.MapCoverageApi();
        app.MapRazorPages();
        return app;
    }

    private static RequestLocalizationOptions LocalizationOptions()
    {
        var cultures = PortalLanguage.Cultures.ToList();
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(CultureInfo.GetCultureInfo(Language.English)),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
            // "zh-CN" → "zh-Hans" → "zh", "fr-CA" → "fr".
            FallBackToParentCultures = true,
            FallBackToParentUICultures = true,
            ApplyCurrentCultureToResponseHeaders = true,
        };
        options.RequestCultureProviders =
        [
            new UrlLanguageCultureProvider(),
            new CookieRequestCultureProvider { CookieName = PortalLanguage.CookieName },
            new AcceptLanguageHeaderRequestCultureProvider(),
        ];
        return options;
    }
}
