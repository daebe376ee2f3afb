using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using TldOps.Server.Hosting;

namespace TldOps.Server.Web.Security;

/// <summary>
/// ASP.NET Core's rate limiter on the forms that mail someone or check a secret: per client IP
/// address (policies on the pages, for POST only), and per email address (see
/// <see cref="AddressRateLimiter"/>). A refused request gets 429 with Retry-After and the
/// portal's "too many attempts" page in the visitor's language.
/// </summary>
internal static class PortalRateLimits
{
    public const string Login = "login";
    public const string Join = "join";
    public const string Code = "code";

    public static IServiceCollection AddPortalRateLimits(this IServiceCollection services, RateLimitSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        services.AddSingleton<AddressRateLimiter>();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(Login, context => PerIp(context, settings.LoginPerIp, settings.LoginWindow));
            options.AddPolicy(Join, context => PerIp(context, settings.JoinPerIp, settings.JoinWindow));
            options.AddPolicy(Code, context => PerIp(context, settings.CodePerIp, settings.CodeWindow));
            options.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                // No body: the status code pages show the localised 429 page.
                return ValueTask.CompletedTask;
            };
        });
        return services;
    }

    /// <summary>Reading a form is free; sending it counts against the client's address.</summary>
    private static RateLimitPartition<string> PerIp(HttpContext context, int permits, TimeSpan window)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            return RateLimitPartition.GetNoLimiter(string.Empty);
        }

        var address = context.Connection.RemoteIpAddress ?? IPAddress.None;
        // IPv6 clients get a /64 each from their provider: limit the prefix, not each address in it.
        var key = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && !address.IsIPv4MappedToIPv6
            ? new IPAddress(address.GetAddressBytes()[..8].Concat(new byte[8]).ToArray()).ToString()
            : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
        return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
        });
    }
}
