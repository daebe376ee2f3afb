using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TldOps.Core.Common;
using TldOps.Core.Registry;
using TldOps.Core.Storage;

namespace TldOps.Server.Hosting;

/// <summary>
/// The services every entry point shares (the web host and each CLI command), so a command and a
/// page always run the same code. Feature areas add their registrations here, one line each.
/// </summary>
internal static class TldOpsServices
{
    public static IServiceCollection AddTldOps(this IServiceCollection services, IConfiguration configuration)
    {
        var storage = StorageSettings.From(configuration);
        Directory.CreateDirectory(storage.FullDataDirectory);

        services.AddSingleton(configuration);
        services.AddSingleton(storage);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IRandomSource, CryptoRandomSource>();
        services.AddSingleton(_ => new Database(storage.ResolveDatabase()));
        services.AddSingleton<Migrator>();
        services.AddSingleton(CcTldCatalog.Shipped);
        services.AddSingleton<CcTldStore>();
        services.AddSingleton<DatabaseStartup>();
        return services;
    }
}
