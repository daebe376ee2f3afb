using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using TldOps.Core.Storage;
using TldOps.Testing;

namespace TldOps.Core.Tests.Storage;

public sealed class MigratorTests
{
    [Fact]
    public void Both_dialects_ship_the_same_numbered_migrations()
    {
        var sqlite = MigrationCatalog.For(SqlDialect.Sqlite).Select(m => (m.Version, m.Name)).ToList();
        var postgres = MigrationCatalog.For(SqlDialect.PostgreSql).Select(m => (m.Version, m.Name)).ToList();

        Assert.NotEmpty(sqlite);
        Assert.Equal(sqlite, postgres);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Migrating_applies_every_migration_once_and_is_idempotent(SqlDialect dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect, migrate: false);
        var migrator = new Migrator(db.Database, TimeProvider.System, NullLogger<Migrator>.Instance);

        var first = await migrator.MigrateAsync();
        var second = await migrator.MigrateAsync();

        Assert.Equal(MigrationCatalog.For(dialect).Count, first.Count);
        Assert.Empty(second);
        Assert.Equal(migrator.LatestVersion, await migrator.CurrentVersionAsync());
    }

    [Theory, SqliteData, PostgresData]
    public async Task Concurrent_migrations_from_two_nodes_apply_each_script_once(SqlDialect dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect, migrate: false);
        var a = new Migrator(db.Database, TimeProvider.System, NullLogger<Migrator>.Instance);
        var b = new Migrator(db.Database, TimeProvider.System, NullLogger<Migrator>.Instance);

        var results = await Task.WhenAll(a.MigrateAsync(), b.MigrateAsync());

        Assert.Equal(MigrationCatalog.For(dialect).Count, results.Sum(r => r.Count));
        await using var connection = await db.Database.OpenAsync();
        Assert.Equal(MigrationCatalog.For(dialect).Count, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task Sqlite_database_uses_write_ahead_logging()
    {
        await using var db = await TestDatabase.CreateAsync(SqlDialect.Sqlite);
        await using var connection = await db.Database.OpenAsync();

        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("PRAGMA foreign_keys"));
    }

    [Fact]
    public async Task Sqlite_connections_keep_their_settings_whether_new_or_from_the_pool()
    {
        await using var db = await TestDatabase.CreateAsync(SqlDialect.Sqlite);
        SQLitePCL.sqlite3? pooled;
        await using (var first = await db.Database.OpenAsync())
        {
            await AssertSettingsAsync(first);
            pooled = ((Microsoft.Data.Sqlite.SqliteConnection)first).Handle;
        }

        // The same native connection again (set up once), and a second one opened beside it.
        await using var again = await db.Database.OpenAsync();
        await using var beside = await db.Database.OpenAsync();
        Assert.Same(pooled, ((Microsoft.Data.Sqlite.SqliteConnection)again).Handle);
        Assert.NotSame(pooled, ((Microsoft.Data.Sqlite.SqliteConnection)beside).Handle);
        await AssertSettingsAsync(again);
        await AssertSettingsAsync(beside);

        static async Task AssertSettingsAsync(System.Data.Common.DbConnection connection)
        {
            Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
            Assert.Equal(2, await connection.ExecuteScalarAsync<int>("PRAGMA synchronous"));
            Assert.Equal(1, await connection.ExecuteScalarAsync<int>("PRAGMA foreign_keys"));
            Assert.Equal(Database.SqliteBusyTimeoutMilliseconds, await connection.ExecuteScalarAsync<int>("PRAGMA busy_timeout"));
        }
    }
}
