using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TldOps.Core.Storage;

/// <summary>
/// Copies SQLite's write-ahead log into the database file from a thread of its own, every
/// <see cref="Interval"/>. Left to itself, SQLite checkpoints inside whichever commit crosses
/// the log's size limit, with two disk flushes, while that writer still holds the write lock: a
/// pause of ten milliseconds or more for every runner waiting behind it, several times per large
/// fan-out. A checkpoint here takes no write lock (PASSIVE: it copies what no reader still needs
/// and never waits), so writers go on appending meanwhile. Connections keep an automatic
/// checkpoint at <see cref="Database.SqliteAutoCheckpointPages"/> pages as a bound for
/// processes without this service (the command line) and in case it falls behind.
/// Does nothing on PostgreSQL.
/// </summary>
public sealed partial class SqliteCheckpointer(Database database, TimeSpan interval, TimeProvider clock, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    /// <summary>How often the log is checkpointed.</summary>
    public TimeSpan Interval { get; } = interval > TimeSpan.Zero ? interval : throw new ArgumentOutOfRangeException(nameof(interval), interval, "The checkpoint interval must be positive.");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.Dialect != SqlDialect.Sqlite)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await database.CheckpointAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is System.Data.Common.DbException or TimeoutException)
                {
                    // The next tick tries again; SQLite's own automatic checkpoint bounds the log meanwhile.
                    Log.CheckpointFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "SQLite WAL checkpoint failed; retrying at the next interval")]
        public static partial void CheckpointFailed(ILogger logger, Exception exception);
    }
}
