using System.Data;
using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using TldOps.Mail;

namespace TldOps.Core.Storage;

/// <summary>
/// Opens connections to the one database TldOps uses, SQLite or PostgreSQL, configured the same
/// way every time (SQLite: WAL journal, foreign keys on, a busy timeout so that several runners
/// wait for the writer lock instead of failing). Repositories run explicit SQL through Dapper on
/// these connections and branch on <see cref="Dialect"/> where the two dialects differ.
/// </summary>
public sealed partial class Database : IAsyncDisposable
{
    /// <summary>How long an SQLite connection waits for another writer before SQLITE_BUSY (ms).</summary>
    public const int SqliteBusyTimeoutMilliseconds = 15_000;

    /// <summary>
    /// Write-ahead log pages after which a commit checkpoints by itself (about 32 MB). <c>serve</c>
    /// checkpoints well before, outside the write lock (<see cref="SqliteCheckpointer"/>); this
    /// bounds the log for the command line and if that service falls behind.
    /// </summary>
    public const int SqliteAutoCheckpointPages = 8_000;

    private readonly NpgsqlDataSource? _npgsql;

    // SQLite has one writer at a time. Writers of this process queue here, asynchronously,
    // instead of blocking thread-pool threads in SQLite's busy handler (which sleeps up to 100 ms
    // between tries and, on a small machine, starves the pool). Other processes still meet the
    // busy timeout.
    private readonly SemaphoreSlim? _sqliteWriter;

    // The one connection SQLite's write transactions of this process run on, kept open while the
    // semaphore above passes it from one transaction to the next: its prepared statements
    // (Statement) and its synchronous setting survive between transactions. Microsoft.Data.Sqlite
    // finalizes a connection's statements when it is closed, so a pooled connection per
    // transaction compiled every statement of a runner's half batch again each time.
    private SqliteWriter? _writer;
    private int _disposed;

    // The pooled native SQLite connections whose pragmas are set (see OpenAsync).
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, object> _configured = new();
    private static readonly object Configured = new();

    static Database()
    {
        SQLitePCL.Batteries_V2.Init();
        StorageTypeHandlers.Register();
    }

    public Database(DatabaseLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        Location = location;
        if (location.Dialect == SqlDialect.PostgreSql)
        {
            // Statements run often (a lease, a fan-out's piece, an outcome) are prepared on each
            // pooled connection after their second use, unless the connection string says otherwise:
            // planning the fan-out's INSERT … SELECT cost more than running it for a lease's copies.
            var settings = new NpgsqlConnectionStringBuilder(location.ConnectionString);
            if (!SetsAutoPrepare(location.ConnectionString))
            {
                settings.MaxAutoPrepare = 64;
                settings.AutoPrepareMinUsages = 2;
            }

            _npgsql = NpgsqlDataSource.Create(settings.ConnectionString);
        }
        else
        {
            _sqliteWriter = new SemaphoreSlim(1, 1);
            var directory = Path.GetDirectoryName(new SqliteConnectionStringBuilder(location.ConnectionString).DataSource);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
        }
    }

    public DatabaseLocation Location { get; }

    public SqlDialect Dialect => Location.Dialect;

    /// <summary>
    /// "column is one of the list in parameter @name": Dapper expands <c>IN @name</c> for SQLite,
    /// but hands PostgreSQL a real array, which needs <c>= ANY(@name)</c>.
    /// </summary>
    public string InList(string column, string parameter) => Dialect == SqlDialect.PostgreSql
        ? $"{column} = ANY(@{parameter})"
        : $"{column} IN @{parameter}";

    /// <summary>Whether a PostgreSQL connection string sets Npgsql's auto-prepare options itself (any spelling of the keywords).</summary>
    private static bool SetsAutoPrepare(string connectionString) =>
        new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(k => k.Replace(" ", string.Empty, StringComparison.Ordinal))
            .Any(k => k.Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase) || k.Equals("AutoPrepareMinUsages", StringComparison.OrdinalIgnoreCase));

    /// <summary>Opens a ready-to-use connection; the caller disposes it.</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (_npgsql is not null)
        {
            return await _npgsql.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }

        var connection = new SqliteConnection(Location.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            // Per native connection: these pragmas are not persistent (WAL is). Microsoft.Data.Sqlite
            // pools native connections, so most opens get one already set up; running the four
            // statements again at every open cost more than some of the transactions themselves.
            if (connection.Handle is { } handle && !_configured.TryGetValue(handle, out _))
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    $"PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout={SqliteBusyTimeoutMilliseconds}; " +
                    $"PRAGMA wal_autocheckpoint={SqliteAutoCheckpointPages};",
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                _configured.AddOrUpdate(handle, Configured);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction and commits it; any exception rolls back,
    /// so nothing is ever half-written. SQLite transactions start as IMMEDIATE (the write lock is
    /// taken up front, avoiding deadlocked upgrades between two writers).
    /// </summary>
    public Task<T> InTransactionAsync<T>(
        Func<DbConnection, DbTransaction, Task<T>> work,
        CancellationToken cancellationToken = default) => InTransactionAsync(work, Durability.Immediate, cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction and commits it with the given
    /// <paramref name="durability"/>; any exception rolls back, so nothing is ever half-written.
    /// </summary>
    public async Task<T> InTransactionAsync<T>(
        Func<DbConnection, DbTransaction, Task<T>> work,
        Durability durability,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (_sqliteWriter is null)
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await BeginAsync(connection, cancellationToken).ConfigureAwait(false);
            if (durability == Durability.Deferred)
            {
                await connection.ExecuteAsync(new CommandDefinition("SET LOCAL synchronous_commit = off", transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            }

            var result = await work(connection, transaction).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }

        // SQLite works synchronously under its async API, and a commit waits for the disk: on
        // the thread pool, never on a socket event thread that other connections wait for.
        return await ThreadPoolHop.RunAsync(() => InSqliteTransactionAsync(_sqliteWriter, work, durability, cancellationToken)).ConfigureAwait(false);
    }

    private async Task<T> InSqliteTransactionAsync<T>(
        SemaphoreSlim sqliteWriter,
        Func<DbConnection, DbTransaction, Task<T>> work,
        Durability durability,
        CancellationToken cancellationToken)
    {
        if (!await sqliteWriter.WaitAsync(TimeSpan.FromMilliseconds(SqliteBusyTimeoutMilliseconds), cancellationToken).ConfigureAwait(false))
        {
            throw new TimeoutException($"Another transaction of this process held the SQLite database for {SqliteBusyTimeoutMilliseconds} ms.");
        }

        try
        {
            _writer ??= new SqliteWriter((SqliteConnection)await OpenAsync(cancellationToken).ConfigureAwait(false), this);
            var writer = _writer;
            try
            {
                // SQLite's durability is the connection's setting, switched only when it changes:
                // a runner's transactions follow one another with the same one.
                await writer.SetDurabilityAsync(durability, cancellationToken).ConfigureAwait(false);
                await using var transaction = await BeginAsync(writer.Connection, cancellationToken).ConfigureAwait(false);
                var result = await work(writer.Connection, transaction).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return result;
            }
            catch
            {
                // Whatever failed (the work, the disk, a busy database), the next transaction
                // starts on a fresh connection rather than on one in an unknown state.
                _writer = null;
                await writer.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
        finally
        {
            sqliteWriter.Release();
        }
    }

    /// <summary>
    /// A statement of the SQLite write connection, compiled once and kept with it (SQLite only,
    /// inside <see cref="InTransactionAsync{T}(Func{DbConnection, DbTransaction, Task{T}}, Durability, CancellationToken)"/>):
    /// for the statements a runner runs at every half batch, which otherwise cost more to compile
    /// than to run. Set its parameters with <see cref="SqliteStatement.Set"/> before each use; do
    /// not dispose it.
    /// </summary>
    /// <exception cref="InvalidOperationException"><paramref name="connection"/> is not this database's SQLite write connection.</exception>
    public SqliteStatement Statement(DbConnection connection, DbTransaction transaction, string sql)
    {
        if (_writer is not { } writer || !ReferenceEquals(writer.Connection, connection))
        {
            throw new InvalidOperationException("Prepared statements are for SQLite write transactions (InTransactionAsync).");
        }

        return writer.Statement(sql, (SqliteTransaction)transaction);
    }

    /// <inheritdoc cref="InTransactionAsync{T}(Func{DbConnection, DbTransaction, Task{T}}, CancellationToken)"/>
    public Task InTransactionAsync(
        Func<DbConnection, DbTransaction, Task> work,
        CancellationToken cancellationToken = default) => InTransactionAsync(work, Durability.Immediate, cancellationToken);

    /// <inheritdoc cref="InTransactionAsync{T}(Func{DbConnection, DbTransaction, Task{T}}, Durability, CancellationToken)"/>
    public Task InTransactionAsync(
        Func<DbConnection, DbTransaction, Task> work,
        Durability durability,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return InTransactionAsync<bool>(async (c, t) =>
        {
            await work(c, t).ConfigureAwait(false);
            return true;
        }, durability, cancellationToken);
    }

    /// <summary>
    /// SQLite: copies what it can of the write-ahead log into the database file without taking
    /// the write lock or waiting for anyone (a PASSIVE checkpoint; see <see cref="SqliteCheckpointer"/>).
    /// Returns null on PostgreSQL, which checkpoints by itself.
    /// </summary>
    public async Task<WalCheckpoint?> CheckpointAsync(CancellationToken cancellationToken = default)
    {
        if (Dialect != SqlDialect.Sqlite)
        {
            return null;
        }

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var (busy, log, checkpointed) = await connection.QuerySingleAsync<(long, long, long)>(
            new CommandDefinition("PRAGMA wal_checkpoint(PASSIVE)", cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new WalCheckpoint(busy != 0, log, checkpointed);
    }

    /// <summary>Begins a transaction suited to the dialect (IMMEDIATE on SQLite).</summary>
    public static async Task<DbTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection is SqliteConnection sqlite)
        {
            // deferred: false makes Microsoft.Data.Sqlite issue BEGIN IMMEDIATE.
            return sqlite.BeginTransaction(IsolationLevel.Serializable, deferred: false);
        }

        return await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (_sqliteWriter is not null)
        {
            // A transaction still running keeps its connection until it ends (bounded: a stop
            // must not hang on it).
            await _sqliteWriter.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            if (_writer is { } writer)
            {
                _writer = null;
                await writer.DisposeAsync().ConfigureAwait(false);
            }

            _sqliteWriter.Dispose();
        }

        if (_npgsql is not null)
        {
            await _npgsql.DisposeAsync().ConfigureAwait(false);
        }
    }
}
