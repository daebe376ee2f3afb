using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace TldOps.Server.Web;

/// <summary>The web portal's services and request pipeline.</summary>
internal static class PortalSetup
{
    public static IServiceCollection AddPortal(this IServiceCollection services)
    {
        services.AddRazorPages();
        return services;
    }

    public static WebApplication UsePortal(this WebApplication app)
    {
        app.MapRazorPages();
        return app;
    }
}
