using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using TldOps.Core.Storage;

namespace TldOps.Testing;

/// <summary>
/// A fresh, migrated database for one test: an SQLite file in a temp folder, or a new database on
/// the real PostgreSQL server named by TLDOPS_TEST_POSTGRES (an admin connection string; .ci/run
/// starts the server and sets it). Dropped on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "TLDOPS_TEST_POSTGRES";

    private readonly TempDirectory? _folder;
    private readonly string? _postgresName;

    private TestDatabase(Database database, TempDirectory? folder, string? postgresName)
    {
        Database = database;
        _folder = folder;
        _postgresName = postgresName;
    }

    public Database Database { get; }

    public SqlDialect Dialect => Database.Dialect;

    /// <summary>The value a user would pass as --db to reach this database.</summary>
    public string DbArgument => Database.Dialect == SqlDialect.Sqlite
        ? new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(Database.Location.ConnectionString).DataSource
        : Database.Location.ConnectionString;

    /// <summary>The skip reason for PostgreSQL tests on this machine, or null when they must run.</summary>
    public static string? PostgresSkipReason =>
        RealComponent.IsCi || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(PostgresVariable))
            ? null
            : $"needs a PostgreSQL server: install with 'apt-get install postgresql', start it, and set {PostgresVariable} to an admin connection string (under CI=true this is a failure)";

    public static async Task<TestDatabase> CreateAsync(SqlDialect dialect, bool migrate = true, CancellationToken cancellationToken = default)
    {
        TestDatabase result;
        if (dialect == SqlDialect.Sqlite)
        {
            var folder = new TempDirectory("tldops-db");
            result = new TestDatabase(new Database(DatabaseLocation.Resolve(folder.Combine("test.db"), folder.Path)), folder, null);
        }
        else
        {
            var admin = Environment.GetEnvironmentVariable(PostgresVariable);
            if (string.IsNullOrEmpty(admin))
            {
                throw new InvalidOperationException($"{PostgresVariable} is not set: PostgreSQL tests cannot run (CI must start the server).");
            }

            var name = $"tldops_test_{Guid.NewGuid():N}";
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync(cancellationToken);
                await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
                await create.ExecuteNonQueryAsync(cancellationToken);
            }

            var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
            result = new TestDatabase(new Database(DatabaseLocation.Resolve(builder.ConnectionString, Path.GetTempPath())), null, name);
        }

        if (migrate)
        {
            await new Migrator(result.Database, TimeProvider.System, NullLogger<Migrator>.Instance).MigrateAsync(cancellationToken);
        }

        return result;
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            var admin = Environment.GetEnvironmentVariable(PostgresVariable)!;
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresName} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder?.Dispose();
    }
}
