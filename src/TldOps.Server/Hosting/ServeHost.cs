using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TldOps.Core.Storage;
using TldOps.Server.Web;

namespace TldOps.Server.Hosting;

/// <summary>
/// Builds the process that <c>tldops serve</c> runs: the web portal and API on Kestrel plus the
/// background services (mail listeners, queue runners, scheduler) registered by feature areas.
/// Tests build the same host in-process on port 0.
/// </summary>
internal static class ServeHost
{
    public static WebApplication Build(IConfigurationRoot configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = configuration["Environment"] ?? "Production",
        });
        builder.Configuration.AddConfiguration(configuration);
        var portal = PortalSettings.From(configuration);
        var storage = StorageSettings.From(configuration);
        builder.Services.AddSingleton(portal);
        builder.Services.AddTldOps(configuration);
        // Cookie and antiforgery keys live with the data, so restarts keep sessions valid.
        builder.Services.AddDataProtection()
            .SetApplicationName("tldops")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(storage.FullDataDirectory, "keys")));
        builder.Services.AddPortal(portal, RateLimitSettings.From(configuration));
        builder.Services.AddListEngineHosting();
        builder.Services.AddHostedService<SchedulerHostedService>();
        builder.Services.AddHostedService(sp => new SqliteCheckpointer(
            sp.GetRequiredService<Database>(), storage.CheckpointInterval, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SqliteCheckpointer>>()));
        builder.WebHost.UseUrls(portal.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 1024 * 1024;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
        });
        builder.Host.ConfigureHostOptions(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));

        var app = builder.Build();
        app.UsePortal();
        return app;
    }

    /// <summary>The addresses Kestrel actually bound (with the real port when 0 was asked for).</summary>
    public static IReadOnlyList<string> BoundAddresses(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
    }
}
