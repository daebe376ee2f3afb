using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace TldOps.Server.Web.Security;

/// <summary>
/// Keeps what is meant for one person out of every cache: a response to a logged-in request, or
/// to a link carrying a token, or to a form sent, is marked <c>Cache-Control: no-store</c> (unless it set its own
/// caching, as the versioned stylesheet does).
/// </summary>
internal sealed class PrivateResponseMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.OnStarting(() =>
        {
            var isPrivate = SignedIn.Of(context) is not null || context.Request.Query.ContainsKey("token")
                || HttpMethods.IsPost(context.Request.Method);
            if (isPrivate && !context.Response.Headers.ContainsKey(HeaderNames.CacheControl))
            {
                context.Response.Headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        });
        return next(context);
    }
}
