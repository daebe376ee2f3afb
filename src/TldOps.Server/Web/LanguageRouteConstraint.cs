using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TldOps.Core.Common;

namespace TldOps.Server.Web;

/// <summary>Matches a route value that is one of the portal's six language codes (used in "{lang:portallanguage}").</summary>
internal sealed class LanguageRouteConstraint : IRouteConstraint
{
    public const string Name = "portallanguage";

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.TryGetValue(routeKey, out var value)
            && value is string code
            && code.Length == 2
            && Language.All.Contains(code, StringComparer.Ordinal);
    }
}
