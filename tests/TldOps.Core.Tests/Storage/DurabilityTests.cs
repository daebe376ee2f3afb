using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using TldOps.Core.Storage;
using TldOps.Core.Storage.Queues;
using TldOps.Testing;

namespace TldOps.Core.Tests.Storage;

public sealed class DurabilityTests
{
    [Theory, SqliteData, PostgresData]
    public async Task A_deferred_commit_is_kept_and_only_that_transaction_skips_the_flush(SqlDialect dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        var store = new QueueStore(db.Database, new QueueSignal(), TimeProvider.System);

        var (id, inside, handle) = await db.Database.InTransactionAsync(async (c, t) =>
            (await store.EnqueueAsync(c, t, new NewQueueEntry(QueueNames.Out, Recipient: "a@example.org")), await FlushSettingAsync(c, t), Handle(c)),
            Durability.Deferred);
        var immediate = await db.Database.InTransactionAsync((c, t) => FlushSettingAsync(c, t));

        Assert.Equal(dialect == SqlDialect.Sqlite ? "1" : "off", inside);
        Assert.Equal(dialect == SqlDialect.Sqlite ? "2" : "on", immediate);
        Assert.Equal("a@example.org", (await store.GetAsync(id))!.Recipient);
        // SQLite: the write connection stays with the database (its statements stay compiled);
        // any other connection from the pool flushes at commit.
        await AssertPooledConnectionFlushesAsync(db.Database, dialect == SqlDialect.Sqlite ? null : handle, dialect);
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_deferred_transaction_that_fails_rolls_back_and_leaves_the_connection_flushing(SqlDialect dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        var store = new QueueStore(db.Database, new QueueSignal(), TimeProvider.System);
        object? handle = null;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => db.Database.InTransactionAsync(async (c, t) =>
        {
            handle = Handle(c);
            await store.EnqueueAsync(c, t, new NewQueueEntry(QueueNames.Out, Recipient: "lost@example.org"));
            throw new InvalidOperationException("half way");
        }, Durability.Deferred));

        Assert.Equal("half way", error.Message);
        Assert.Empty(await store.ListAsync(QueueNames.Out, null, 10));
        await AssertPooledConnectionFlushesAsync(db.Database, handle, dialect);
    }

    private static async Task<string> FlushSettingAsync(DbConnection connection, DbTransaction transaction) =>
        connection is SqliteConnection
            ? (await connection.ExecuteScalarAsync<long>("PRAGMA synchronous", transaction: transaction)).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : (await connection.ExecuteScalarAsync<string>("SHOW synchronous_commit", transaction: transaction))!;

    private static object? Handle(DbConnection connection) => (connection as SqliteConnection)?.Handle;

    /// <summary>
    /// The next connection from the pool flushes at commit again; on SQLite it is the native
    /// connection <paramref name="handle"/> when given (a write connection dropped after a failure).
    /// </summary>
    private static async Task AssertPooledConnectionFlushesAsync(Database database, object? handle, SqlDialect dialect)
    {
        await using var next = await database.OpenAsync();
        if (dialect == SqlDialect.Sqlite)
        {
            if (handle is not null)
            {
                Assert.Same(handle, ((SqliteConnection)next).Handle);
            }

            Assert.Equal(2, await next.ExecuteScalarAsync<long>("PRAGMA synchronous"));
        }
        else
        {
            Assert.Equal("on", await next.ExecuteScalarAsync<string>("SHOW synchronous_commit"));
        }
    }
}
