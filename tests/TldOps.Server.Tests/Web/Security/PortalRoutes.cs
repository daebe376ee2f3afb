using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using TldOps.Server.Web.Security;

namespace TldOps.Server.Tests.Web.Security;

/// <summary>Who may open a route, as its endpoint metadata declares it.</summary>
public enum Access
{
    Public,
    Member,
    Staff,
    Committee,
    SecondFactor,
    Enrolling,
}

/// <summary>One route of the running portal, with a concrete URL to visit.</summary>
public sealed record PortalRoute(string Pattern, string Url, Access Access, bool TakesToken)
{
    public override string ToString() => Pattern;
}

/// <summary>
/// Every route the portal serves, read from its endpoint data source: a page or endpoint added
/// tomorrow is in this list without anyone registering it, and a route parameter nobody knows
/// how to fill fails the test until a sample is added here.
/// </summary>
internal static class PortalRoutes
{
    public static IReadOnlyList<PortalRoute> All(IServiceProvider services, IReadOnlyDictionary<string, string> samples)
    {
        var routes = new List<PortalRoute>();
        var tokenPages = TokenPages();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern;
            // A parameter's sample: by the literal path before it ("committee/held"), else by its name ("lang").
            var literals = string.Join('/', pattern.PathSegments
                .SkipWhile(s => s.Parts is [RoutePatternParameterPart { Name: "lang" }])
                .TakeWhile(s => s.Parts.All(p => p is RoutePatternLiteralPart))
                .Select(s => ((RoutePatternLiteralPart)s.Parts[0]).Content));
            var url = "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
            {
                RoutePatternLiteralPart literal => literal.Content,
                RoutePatternParameterPart parameter => samples.TryGetValue(literals, out var byPath) && parameter.Name != "lang"
                    ? byPath
                    : samples.TryGetValue(parameter.Name, out var sample)
                    ? sample
                    : throw new InvalidOperationException($"No sample value for {{{parameter.Name}}} in {pattern.RawText}: add one to the test."),
                RoutePatternSeparatorPart separator => separator.Content,
                _ => throw new InvalidOperationException($"Unexpected route part in {pattern.RawText}."),
            }))));
            var page = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>();
            routes.Add(new PortalRoute(pattern.RawText ?? url, url, AccessOf(endpoint), page is not null && tokenPages.Contains(page.ViewEnginePath)));
        }

        return routes.OrderBy(r => r.Pattern, StringComparer.Ordinal).ToList();
    }

    /// <summary>The access an endpoint declares; throws for one that declares none.</summary>
    public static Access AccessOf(Endpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return Access.Public;
        }

        var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy ?? PortalPolicies.Member).ToHashSet(StringComparer.Ordinal);
        return policies switch
        {
            _ when policies.Contains(PortalPolicies.Committee) => Access.Committee,
            _ when policies.Contains(PortalPolicies.Staff) => Access.Staff,
            _ when policies.Contains(PortalPolicies.SecondFactor) => Access.SecondFactor,
            _ when policies.Contains(PortalPolicies.Enrolling) => Access.Enrolling,
            _ when policies.Contains(PortalPolicies.Member) => Access.Member,
            _ => throw new InvalidOperationException($"{endpoint.DisplayName} declares no access rule: mark it AllowAnonymous or RequireAuthorization."),
        };
    }

    /// <summary>The pages (by view path, "/Login/Link") whose model takes a token from the query string.</summary>
    private static HashSet<string> TokenPages()
    {
        const string Root = "TldOps.Server.Web.Pages";
        return typeof(PortalPolicies).Assembly.GetTypes()
            .Where(t => typeof(PageModel).IsAssignableFrom(t) && !t.IsAbstract && t.Namespace?.StartsWith(Root, StringComparison.Ordinal) == true)
            .Where(t => t.GetProperty("Token")?.GetCustomAttribute<BindPropertyAttribute>()?.SupportsGet == true)
            .Select(t => (t.Namespace![Root.Length..].Replace('.', '/') + "/" + t.Name[..^"Model".Length]))
            .Select(p => p.StartsWith('/') ? p : "/" + p)
            .ToHashSet(StringComparer.Ordinal);
    }
}
