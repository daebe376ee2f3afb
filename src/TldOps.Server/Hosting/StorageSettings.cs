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

    public string FullDataDirectory => Path.GetFullPath(DataDirectory);

    public DatabaseLocation ResolveDatabase() => DatabaseLocation.Resolve(Database, FullDataDirectory);

    public static StorageSettings From(IConfiguration configuration)
    {
        var settings = new StorageSettings();
        configuration.GetSection(Section).Bind(settings);
        return settings;
    }
}
