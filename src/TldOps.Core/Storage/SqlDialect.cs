namespace TldOps.Core.Storage;

/// <summary>The two databases TldOps runs on: embedded SQLite, or PostgreSQL for production and several nodes.</summary>
public enum SqlDialect
{
    Sqlite,
    PostgreSql,
}
