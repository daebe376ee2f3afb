using System.CommandLine;

namespace TldOps.Server.Cli;

/// <summary>Options every command takes (recursive on the root command).</summary>
internal static class GlobalOptions
{
    public static Option<string?> Data { get; } = new("--data")
    {
        Description = "Data folder: the SQLite database, DKIM keys, the outbox maildir (default ./data; setting Storage:DataDirectory).",
        Recursive = true,
        HelpName = "DIR",
    };

    public static Option<string?> Db { get; } = new("--db")
    {
        Description = "Database: an SQLite file path, or a PostgreSQL connection string / postgres:// URI (default DATA/tldops.db; setting Storage:Database).",
        Recursive = true,
        HelpName = "PATH|CONNSTRING",
    };
}
