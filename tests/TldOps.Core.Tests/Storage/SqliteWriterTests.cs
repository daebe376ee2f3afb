using Dapper;
using Microsoft.Data.Sqlite;
using TldOps.Core.Storage;
using TldOps.Testing;

namespace TldOps.Core.Tests.Storage;

/// <summary>SQLite's write transactions share one connection, whose statements stay compiled between them.</summary>
public sealed class SqliteWriterTests
{
    private const string Insert = "INSERT INTO mail_message (raw, size, sha256, created_at) VALUES (@raw, 1, @sha, @at)";

    [Fact]
    public async Task Write_transactions_follow_one_another_on_one_connection_and_reuse_its_statements()
    {
        await using var db = await TestDatabase.CreateAsync(SqlDialect.Sqlite);
        var at = new DateTimeOffset(2026, 11, 22, 10, 30, 0, TimeSpan.FromHours(2));

        var first = await db.Database.InTransactionAsync((c, t) => Task.FromResult(Run(db.Database, c, t, "one", at)));
        var second = await db.Database.InTransactionAsync((c, t) => Task.FromResult(Run(db.Database, c, t, "two", at)), Durability.Deferred);

        Assert.Same(first.Handle, second.Handle);
        Assert.Same(first.Command, second.Command);
        await using var read = await db.Database.OpenAsync();
        // Both rows, and the timestamp in the text form Dapper writes (UTC, fixed width): text
        // comparison in SQL stays time order whichever way a value was bound.
        Assert.Equal(["one", "two"], await read.QueryAsync<string>("SELECT sha256 FROM mail_message ORDER BY id"));
        Assert.Equal(["2026-11-22T08:30:00.0000000Z"], (await read.QueryAsync<string>("SELECT DISTINCT created_at FROM mail_message")).ToList());
        Assert.Equal(2, await read.ExecuteScalarAsync<long>("SELECT count(*) FROM mail_message WHERE created_at = @at", new { at }));
    }

    [Fact]
    public async Task A_write_transaction_begun_outside_the_thread_pool_runs_on_it()
    {
        // Such as a socket event thread running the continuation of a read (ThreadPoolHop).
        await using var db = await TestDatabase.CreateAsync(SqlDialect.Sqlite);
        Task<bool>? transaction = null;
        var thread = new Thread(() => transaction = db.Database.InTransactionAsync((c, t) => Task.FromResult(Thread.CurrentThread.IsThreadPoolThread)));
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(10)));

        Assert.True(await transaction!);
    }

    [Fact]
    public async Task After_a_failed_transaction_the_next_one_starts_on_a_fresh_connection_and_nothing_of_it_stays()
    {
        await using var db = await TestDatabase.CreateAsync(SqlDialect.Sqlite);
        var at = DateTimeOffset.UnixEpoch;
        var before = await db.Database.InTransactionAsync((c, t) => Task.FromResult(Run(db.Database, c, t, "kept", at)));

        await Assert.ThrowsAsync<InvalidOperationException>(() => db.Database.InTransactionAsync<bool>((c, t) =>
        {
            Run(db.Database, c, t, "rolled back", at);
            throw new InvalidOperationException("half way");
        }));
        var after = await db.Database.InTransactionAsync((c, t) => Task.FromResult(Run(db.Database, c, t, "after", at)));

        Assert.NotSame(before.Command, after.Command);
        await using var read = await db.Database.OpenAsync();
        Assert.Equal(["kept", "after"], await read.QueryAsync<string>("SELECT sha256 FROM mail_message ORDER BY id"));
    }

    [Fact]
    public async Task A_statement_is_refused_on_any_connection_but_the_write_transactions_one()
    {
        await using var db = await TestDatabase.CreateAsync(SqlDialect.Sqlite);
        await using var other = await db.Database.OpenAsync();
        await using var transaction = await Database.BeginAsync(other);

        var error = Assert.Throws<InvalidOperationException>(() => db.Database.Statement(other, transaction, Insert));

        Assert.Contains("SQLite write transactions", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Between_transactions_the_write_connection_holds_no_snapshot_that_would_keep_others_waiting()
    {
        await using var db = await TestDatabase.CreateAsync(SqlDialect.Sqlite);
        await db.Database.InTransactionAsync((c, t) => Task.FromResult(Run(db.Database, c, t, "one", DateTimeOffset.UnixEpoch)));

        // A kept SELECT, read to its end inside a write transaction.
        var read = await db.Database.InTransactionAsync((c, t) =>
        {
            using var reader = db.Database.Statement(c, t, "SELECT sha256 FROM mail_message ORDER BY id").Command.ExecuteReader();
            var values = new List<string>();
            while (reader.Read())
            {
                values.Add(reader.GetString(0));
            }

            return Task.FromResult(values);
        }, Durability.Deferred);

        // Another connection writes, then checkpoints the whole log away: that is refused while
        // any connection still reads an older snapshot (busy = 1), and a write transaction on a
        // connection with an older snapshot could not start at all.
        await using var other = await db.Database.OpenAsync();
        await other.ExecuteAsync(Insert, new { raw = new byte[] { 2 }, sha = "other", at = DateTimeOffset.UnixEpoch });
        var (busy, _, _) = await other.QuerySingleAsync<(long, long, long)>("PRAGMA wal_checkpoint(TRUNCATE)");
        var after = await db.Database.InTransactionAsync((c, t) => Task.FromResult(Run(db.Database, c, t, "after", DateTimeOffset.UnixEpoch)));

        Assert.Equal(["one"], read);
        Assert.Equal(0, busy);
        Assert.NotNull(after.Command);
    }

    [Fact]
    public async Task Disposing_closes_the_write_connection_once_however_often_it_is_called()
    {
        await using var db = await TestDatabase.CreateAsync(SqlDialect.Sqlite);
        var database = new Database(db.Database.Location);
        var (_, command) = await database.InTransactionAsync((c, t) => Task.FromResult(Run(database, c, t, "one", DateTimeOffset.UnixEpoch)));

        await database.DisposeAsync();
        await database.DisposeAsync();

        Assert.Null(command.Connection?.Handle);
    }

    [Theory, PostgresData]
    public async Task PostgreSQL_has_no_kept_statements(SqlDialect dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);

        var error = await db.Database.InTransactionAsync((c, t) => Task.FromResult(Assert.Throws<InvalidOperationException>(() => db.Database.Statement(c, t, Insert))));

        Assert.Contains("SQLite write transactions", error.Message, StringComparison.Ordinal);
    }

    private static (object Handle, SqliteCommand Command) Run(Database database, System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string sha, DateTimeOffset at)
    {
        var statement = database.Statement(connection, transaction, Insert).Set("raw", new byte[] { 1 }).Set("sha", sha).Set("at", at);
        Assert.Equal(1, statement.Command.ExecuteNonQuery());
        return (((SqliteConnection)connection).Handle!, statement.Command);
    }
}
