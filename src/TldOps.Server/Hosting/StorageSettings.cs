using Microsoft.Extensions.Configuration;
using TldOps.Core.Storage;

namespace TldOps.Server.Hosting;

/// <summary>The <c>Storage</c> section: where data lives.</summary>
internal sealed class StorageSettings
{
    public const string Section = "Storage";

    /// <summary>Folder for the SQLite database, DKIM keys and the outbox maildir. Default <c>./data</c>.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>SQLite path or PostgreSQL connection string; empty means <c>DataDirectory/tldops.db</c>.</summary>
    public string? Database { get; set; }

    /// <summary>
    /// How often <c>serve</c> copies SQLite's write-ahead log into the database file, outside the
    /// write lock (default 1 s; between 10 ms and 10 minutes). Ignored on PostgreSQL.
    /// </summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(1);

    public string FullDataDirectory => Path.GetFullPath(DataDirectory);

    public DatabaseLocation ResolveDatabase() => DatabaseLocation.Resolve(Database, FullDataDirectory);

    public static StorageSettings From(IConfiguration configuration)
    {
        var settings = new StorageSettings();
        configuration.GetSection(Section).Bind(settings);
        if (settings.CheckpointInterval < TimeSpan.FromMilliseconds(10) || settings.CheckpointInterval > TimeSpan.FromMinutes(10))
        {
            throw new InvalidOperationException($"{Section}:{nameof(CheckpointInterval)} must be between 00:00:00.010 and 00:10:00; it is {settings.CheckpointInterval}.");
        }

        return settings;
    }
}
