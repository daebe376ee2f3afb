using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Logging;

namespace TldOps.Core.Storage;

/// <summary>
/// Applies the numbered migrations that the database has not seen yet, each in its own
/// transaction together with its row in <c>schema_migrations</c>. Safe to run from several
/// nodes at once: PostgreSQL serialises them with an advisory lock, SQLite with its write lock.
/// </summary>
public sealed class Migrator(Database database, TimeProvider clock, ILogger<Migrator> logger)
{
    // An arbitrary constant shared by every TldOps node: "TLDOPS" in ASCII, as a number.
    private const long AdvisoryLockKey = 0x544C444F5053;

    /// <summary>Applies pending migrations and returns the ones applied now (empty when up to date).</summary>
    public async Task<IReadOnlyList<Migration>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        var migrations = MigrationCatalog.For(database.Dialect);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (database.Dialect == SqlDialect.PostgreSql)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "SELECT pg_advisory_lock(@key)", new { key = AdvisoryLockKey }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        try
        {
            await EnsureHistoryTableAsync(connection, cancellationToken).ConfigureAwait(false);
            var applied = new List<Migration>();
            foreach (var migration in migrations)
            {
                if (await ApplyIfPendingAsync(connection, migration, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false))
                {
                    applied.Add(migration);
                    logger.LogInformation("Applied migration {Version:D4}_{Name} to {Database}", migration.Version, migration.Name, database.Location.Display);
                }
            }

            return applied;
        }
        finally
        {
            if (database.Dialect == SqlDialect.PostgreSql)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "SELECT pg_advisory_unlock(@key)", new { key = AdvisoryLockKey }, cancellationToken: CancellationToken.None)).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The highest migration version applied, 0 for an empty database.</summary>
    public async Task<int> CurrentVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await EnsureHistoryTableAsync(connection, cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
            "SELECT MAX(version) FROM schema_migrations", cancellationToken: cancellationToken)).ConfigureAwait(false) ?? 0;
    }

    /// <summary>The highest migration version shipped with this build.</summary>
    public int LatestVersion => MigrationCatalog.For(database.Dialect)[^1].Version;

    private static Task EnsureHistoryTableAsync(DbConnection connection, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    INTEGER PRIMARY KEY,
                name       TEXT NOT NULL,
                applied_at TEXT NOT NULL
            )
            """, cancellationToken: cancellationToken));

    private static async Task<bool> ApplyIfPendingAsync(DbConnection connection, Migration migration, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await Database.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
        var seen = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM schema_migrations WHERE version = @Version",
            new { migration.Version }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (seen > 0)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)",
            new { migration.Version, migration.Name, AppliedAt = now.ToString("O", System.Globalization.CultureInfo.InvariantCulture) },
            transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }
}
