using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;

namespace TldOps.Server.Web;

/// <summary>Takes the language from the first path segment (/fr/coverage), which wins over the cookie and Accept-Language.</summary>
internal sealed class UrlLanguageCultureProvider : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var language = PortalLanguage.FromPath(PortalLanguage.RequestedPath(httpContext));
        return language is null ? NullProviderCultureResult : Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(language));
    }
}
