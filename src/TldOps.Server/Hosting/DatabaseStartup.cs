using Microsoft.Extensions.Logging;
using TldOps.Core.Registry;
using TldOps.Core.Storage;

namespace TldOps.Server.Hosting;

/// <summary>
/// What every start does before work begins: apply pending migrations and load the shipped
/// ccTLD reference data when it changed. Both are no-ops on an up-to-date database.
/// </summary>
internal sealed class DatabaseStartup(Migrator migrator, CcTldStore ccTlds, CcTldCatalog catalog, Database database, ILogger<DatabaseStartup> logger)
{
    /// <summary>Migrates and loads reference data; returns the migrations applied now.</summary>
    public async Task<IReadOnlyList<Migration>> PrepareAsync(CancellationToken cancellationToken = default)
    {
        var applied = await migrator.MigrateAsync(cancellationToken).ConfigureAwait(false);
        if (await ccTlds.SyncReferenceDataAsync(catalog, cancellationToken).ConfigureAwait(false))
        {
            logger.LogInformation("Loaded ccTLD reference data ({Count} ccTLDs) into {Database}", catalog.All.Count, database.Location.Display);
        }

        if (applied.Count > 0)
        {
            logger.LogInformation("Database {Database} is at version {Version}", database.Location.Display, applied[^1].Version);
        }

        return applied;
    }
}
