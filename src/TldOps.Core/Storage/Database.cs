using System.Data;
using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace TldOps.Core.Storage;

/// <summary>
/// Opens connections to the one database TldOps uses, SQLite or PostgreSQL, configured the same
/// way every time (SQLite: WAL journal, foreign keys on, a busy timeout so that several runners
/// wait for the writer lock instead of failing). Repositories run explicit SQL through Dapper on
/// these connections and branch on <see cref="Dialect"/> where the two dialects differ.
/// </summary>
public sealed class Database : IAsyncDisposable
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
            _npgsql = NpgsqlDataSource.Create(location.ConnectionString);
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
        if (_sqliteWriter is not null && !await _sqliteWriter.WaitAsync(TimeSpan.FromMilliseconds(SqliteBusyTimeoutMilliseconds), cancellationToken).ConfigureAwait(false))
        {
            throw new TimeoutException($"Another transaction of this process held the SQLite database for {SqliteBusyTimeoutMilliseconds} ms.");
        }

        try
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            // SQLite's durability is the connection's setting: switched for this commit, then back.
            var deferredHandle = durability == Durability.Deferred && connection is SqliteConnection { Handle: { } native } ? native : null;
            if (deferredHandle is not null)
            {
                // Forgotten as configured until FULL is back, so that a connection that failed in
                // between is set up again at its next open instead of staying NORMAL.
                _configured.Remove(deferredHandle);
                await connection.ExecuteAsync(new CommandDefinition("PRAGMA synchronous=NORMAL", cancellationToken: cancellationToken)).ConfigureAwait(false);
            }

            try
            {
                await using var transaction = await BeginAsync(connection, cancellationToken).ConfigureAwait(false);
                if (durability == Durability.Deferred && connection is NpgsqlConnection)
                {
                    await connection.ExecuteAsync(new CommandDefinition("SET LOCAL synchronous_commit = off", transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                }

                var result = await work(connection, transaction).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return result;
            }
            finally
            {
                if (deferredHandle is not null)
                {
                    await connection.ExecuteAsync(new CommandDefinition("PRAGMA synchronous=FULL", cancellationToken: CancellationToken.None)).ConfigureAwait(false);
                    _configured.AddOrUpdate(deferredHandle, Configured);
                }
            }
        }
        finally
        {
            _sqliteWriter?.Release();
        }
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
        _sqliteWriter?.Dispose();
        if (_npgsql is not null)
        {
            await _npgsql.DisposeAsync().ConfigureAwait(false);
        }
    }
}
