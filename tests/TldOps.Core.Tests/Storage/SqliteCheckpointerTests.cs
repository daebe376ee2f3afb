using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using TldOps.Core.Storage;
using TldOps.Core.Storage.Queues;
using TldOps.Testing;

namespace TldOps.Core.Tests.Storage;

public sealed class SqliteCheckpointerTests
{
    [Fact]
    public async Task A_checkpoint_copies_the_log_into_the_database_file_while_a_writer_holds_the_write_lock()
    {
        await using var db = await TestDatabase.CreateAsync(SqlDialect.Sqlite);
        var file = DatabaseFile(db.Database);
        await WriteAsync(db.Database, 200);
        var before = new FileInfo(file).Length;
        var writerHasTheLock = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writerMayCommit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writer = db.Database.InTransactionAsync(async (c, t) =>
        {
            await c.ExecuteAsync("UPDATE queue_entry SET attempts = attempts + 1", transaction: t);
            writerHasTheLock.SetResult();
            await writerMayCommit.Task;
        });
        await writerHasTheLock.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // A PASSIVE checkpoint neither waits for the writer nor is kept from the frames already committed.
        var checkpoint = await db.Database.CheckpointAsync().WaitAsync(TimeSpan.FromSeconds(30));
        writerMayCommit.SetResult();
        await writer.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.NotNull(checkpoint);
        Assert.False(checkpoint.Busy);
        Assert.True(checkpoint.LogFrames > 0);
        Assert.Equal(checkpoint.LogFrames, checkpoint.CheckpointedFrames);
        Assert.True(new FileInfo(file).Length > before, "the database file should have received the logged pages");
    }

    [Fact]
    public async Task The_service_checkpoints_every_interval_and_connections_only_checkpoint_by_themselves_late()
    {
        await using var db = await TestDatabase.CreateAsync(SqlDialect.Sqlite);
        var file = DatabaseFile(db.Database);
        await db.Database.CheckpointAsync();
        await WriteAsync(db.Database, 200);
        var before = new FileInfo(file).Length;
        await using (var connection = await db.Database.OpenAsync())
        {
            Assert.Equal(Database.SqliteAutoCheckpointPages, await connection.ExecuteScalarAsync<long>("PRAGMA wal_autocheckpoint"));
        }

        using var checkpointer = new SqliteCheckpointer(db.Database, TimeSpan.FromMilliseconds(20), TimeProvider.System, NullLogger<SqliteCheckpointer>.Instance);
        await checkpointer.StartAsync(CancellationToken.None);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (new FileInfo(file).Length <= before)
            {
                await Task.Delay(20, timeout.Token);
            }
        }
        finally
        {
            await checkpointer.StopAsync(CancellationToken.None);
        }

        Assert.True(new FileInfo(file).Length > before);
    }

    [Theory, PostgresData]
    public async Task PostgreSql_needs_no_checkpoint_from_us(SqlDialect dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);

        Assert.Null(await db.Database.CheckpointAsync());
    }

    private static string DatabaseFile(Database database) =>
        new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.Location.ConnectionString).DataSource;

    /// <summary>Rows enough for some hundred pages of log, which stay in the log (below the automatic checkpoint).</summary>
    private static async Task WriteAsync(Database database, int rows)
    {
        var store = new QueueStore(database, new QueueSignal(), TimeProvider.System);
        await database.InTransactionAsync((c, t) => store.EnqueueManyAsync(c, t,
            Enumerable.Range(0, rows).Select(i => new NewQueueEntry(QueueNames.Out, Recipient: $"m{i}@example.org", Payload: new string('x', 2000)))));
    }
}
