using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TldOps.Core.Storage;
using TldOps.Core.Storage.Queues;
using TldOps.Testing;

namespace TldOps.Core.Tests.Storage.Queues;

public sealed class QueueRunnerTests
{
    [Theory, SqliteData, PostgresData]
    public async Task A_running_runner_processes_every_entry_once_and_quarantines_the_ones_that_throw(SqlDialect dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        var signal = new QueueSignal();
        var store = new QueueStore(db.Database, signal, TimeProvider.System);
        using var runner = new RecordingRunner(Context(store, signal, "node-1"), throwFor: e => e.Recipient!.EndsWith("7@example.org", StringComparison.Ordinal));

        await runner.StartAsync(CancellationToken.None);
        try
        {
            await db.Database.InTransactionAsync((c, t) => store.EnqueueManyAsync(c, t,
                Enumerable.Range(0, 300).Select(i => new NewQueueEntry(QueueNames.Out, Recipient: $"m{i}@example.org"))));
            store.Notify(QueueNames.Out);
            await WaitUntilAsync(async () => (await store.CountsAsync()).Where(c => c.State == "ready" && c.Queue == QueueNames.Out).Sum(c => c.Count) == 0);
        }
        finally
        {
            await runner.StopAsync(CancellationToken.None);
        }

        var counts = await store.CountsAsync();
        Assert.Equal(300, runner.Processed.Count);
        Assert.All(runner.Processed.GroupBy(id => id), g => Assert.Single(g));
        Assert.Equal(30, counts.Single(c => c.Queue == QueueNames.Quarantine).Count);
        Assert.Equal(270, counts.Single(c => c.Queue == QueueNames.Out && c.State == "done").Count);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Draining_handles_what_is_due_in_priority_order(SqlDialect dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        var signal = new QueueSignal();
        var store = new QueueStore(db.Database, signal, TimeProvider.System);
        using var runner = new RecordingRunner(Context(store, signal, "node-1"));
        var bulk = await store.EnqueueAsync(new NewQueueEntry(QueueNames.Out, QueuePriority.Bulk, Recipient: "b@example.org"));
        var alert = await store.EnqueueAsync(new NewQueueEntry(QueueNames.Out, QueuePriority.Alert, Recipient: "a@example.org"));

        var handled = await runner.DrainAsync();

        Assert.Equal(2, handled);
        Assert.Equal([alert, bulk], runner.Processed);
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_restarted_node_takes_back_its_own_leases_at_once(SqlDialect dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        var signal = new QueueSignal();
        var store = new QueueStore(db.Database, signal, TimeProvider.System);
        using var runner = new RecordingRunner(Context(store, signal, "node-1"));
        await store.EnqueueAsync(new NewQueueEntry(QueueNames.Out, Recipient: "x@example.org"));
        // The previous life of this node leased the entry and died (kill -9) before finishing it.
        var leased = await store.LeaseAsync(runner.Owner, [QueueNames.Out], 10, TimeSpan.FromHours(1));
        Assert.Single(leased);

        await runner.StartAsync(CancellationToken.None);
        try
        {
            await WaitUntilAsync(() => Task.FromResult(!runner.Processed.IsEmpty));
        }
        finally
        {
            await runner.StopAsync(CancellationToken.None);
        }

        Assert.Equal(leased[0].Id, Assert.Single(runner.Processed));
    }

    [Theory, SqliteData, PostgresData]
    public async Task An_entry_that_crashed_nodes_too_often_is_quarantined_without_running(SqlDialect dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        var signal = new QueueSignal();
        var store = new QueueStore(db.Database, signal, TimeProvider.System);
        var context = Context(store, signal, "node-1");
        using var runner = new RecordingRunner(context);
        var id = await store.EnqueueAsync(new NewQueueEntry(QueueNames.Out, Recipient: "poison@example.org"));
        for (var i = 0; i < context.Options.MaxAttempts; i++)
        {
            await store.LeaseAsync($"crashed-{i}", [QueueNames.Out], 1, TimeSpan.Zero);
        }

        await runner.DrainAsync();

        Assert.Empty(runner.Processed);
        var entry = await store.GetAsync(id);
        Assert.Equal(QueueNames.Quarantine, entry!.Queue);
        Assert.Contains("crashed or hung", entry.LastError, StringComparison.Ordinal);
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_finished_entry_is_recorded_while_a_slow_one_is_still_in_progress(SqlDialect dialect)
    {
        // Outcomes are recorded in groups, but a finished entry never waits for a slow one.
        var (slowStateMeanwhile, processed) = await WithASlowEntryAsync(dialect, TimeSpan.FromMilliseconds(50), ["fast@example.org"],
            (store, _, queued) => WaitUntilAsync(async () => (await store.GetAsync(queued[0]))!.State == "done"));

        Assert.Equal("ready", slowStateMeanwhile);
        Assert.Equal(2, processed);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Work_queued_while_a_slow_entry_is_in_flight_is_taken_at_once(SqlDialect dialect)
    {
        // The runner waits for outcomes and for new work at the same time: a slow entry holding
        // one worker never keeps the others from what a notification announces.
        var (slowStateMeanwhile, processed) = await WithASlowEntryAsync(dialect, TimeSpan.FromMinutes(10), [], async (store, slow, _) =>
        {
            await WaitUntilAsync(async () => (await store.GetAsync(slow))!.LeaseOwner is not null);
            // Queued after the runner found the queue empty; with a ten-minute poll interval only
            // the notification can bring it in.
            var later = await store.EnqueueAsync(new NewQueueEntry(QueueNames.Out, Recipient: "later@example.org"));
            await WaitUntilAsync(async () => (await store.GetAsync(later))!.State == "done");
        });

        Assert.Equal("ready", slowStateMeanwhile);
        Assert.Equal(2, processed);
    }

    [Theory, SqliteData, PostgresData]
    public async Task An_alert_queued_behind_where_the_runner_leased_up_to_is_taken_before_the_rest(SqlDialect dialect)
    {
        // The runner leases after the end of its last full lease, so as not to step over its own
        // entries in flight; the notification of new work makes it look from the start again.
        await using var db = await TestDatabase.CreateAsync(dialect);
        var signal = new QueueSignal();
        var store = new QueueStore(db.Database, signal, TimeProvider.System);
        var bulkMayFinish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var context = new QueueRunnerContext(store, signal, Options.Create(new QueueOptions { PollInterval = TimeSpan.FromMinutes(10) }), new NodeIdentity("node-1"), TimeProvider.System);
        using var runner = new RecordingRunner(context, holdFor: e => e.Priority == QueuePriority.Bulk ? bulkMayFinish.Task : null);
        await db.Database.InTransactionAsync((c, t) => store.EnqueueManyAsync(c, t,
            Enumerable.Range(0, 100).Select(i => new NewQueueEntry(QueueNames.Out, QueuePriority.Bulk, Recipient: $"bulk{i}@example.org"))));
        await runner.StartAsync(CancellationToken.None);
        try
        {
            // The first lease (a full batch of 32) holds the bulk entries up to the 32nd.
            await WaitUntilAsync(async () => (await store.ListAsync(QueueNames.Out, QueueEntryState.Ready, 200)).Count(e => e.LeaseOwner is not null) >= 32);
            var alert = await store.EnqueueAsync(new NewQueueEntry(QueueNames.Out, QueuePriority.Alert, Recipient: "alert@example.org"));
            bulkMayFinish.SetResult();
            await WaitUntilAsync(() => Task.FromResult(runner.Processed.Count == 101));

            var order = runner.Processed.ToList();
            // Leased with the first entries after the ones in flight, not after all 100 (nor ten minutes later).
            Assert.InRange(order.IndexOf(alert), 0, 60);
        }
        finally
        {
            bulkMayFinish.TrySetResult();
            await runner.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// Runs a runner on an entry that stays in progress until released, plus
    /// <paramref name="queuedWithIt"/>; does <paramref name="meanwhile"/> (given the slow entry's
    /// id and the others') and returns the slow entry's state then, and how many entries the runner
    /// processed once the slow one finished too.
    /// </summary>
    private static async Task<(string SlowStateMeanwhile, int Processed)> WithASlowEntryAsync(
        SqlDialect dialect, TimeSpan pollInterval, IReadOnlyList<string> queuedWithIt, Func<QueueStore, long, IReadOnlyList<long>, Task> meanwhile)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        var signal = new QueueSignal();
        var store = new QueueStore(db.Database, signal, TimeProvider.System);
        var slowMayFinish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var context = new QueueRunnerContext(store, signal, Options.Create(new QueueOptions { PollInterval = pollInterval }), new NodeIdentity("node-1"), TimeProvider.System);
        using var runner = new RecordingRunner(context, holdFor: e => e.Recipient == "slow@example.org" ? slowMayFinish.Task : null);
        var slow = await store.EnqueueAsync(new NewQueueEntry(QueueNames.Out, Recipient: "slow@example.org"));
        var queued = new List<long>();
        foreach (var recipient in queuedWithIt)
        {
            queued.Add(await store.EnqueueAsync(new NewQueueEntry(QueueNames.Out, Recipient: recipient)));
        }

        await runner.StartAsync(CancellationToken.None);
        try
        {
            await meanwhile(store, slow, queued);
            var slowStateMeanwhile = (await store.GetAsync(slow))!.State;
            slowMayFinish.SetResult();
            await WaitUntilAsync(async () => (await store.GetAsync(slow))!.State == "done");
            return (slowStateMeanwhile, runner.Processed.Count);
        }
        finally
        {
            slowMayFinish.TrySetResult();
            await runner.StopAsync(CancellationToken.None);
        }
    }

    private static QueueRunnerContext Context(QueueStore store, QueueSignal signal, string node) =>
        new(store, signal, Options.Create(new QueueOptions { PollInterval = TimeSpan.FromMilliseconds(50) }), new NodeIdentity(node), TimeProvider.System);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!await condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    private sealed class RecordingRunner(QueueRunnerContext context, Func<QueueEntry, bool>? throwFor = null, Func<QueueEntry, Task?>? holdFor = null)
        : QueueRunner(context, NullLogger.Instance)
    {
        public ConcurrentQueue<long> Processed { get; } = new();

        protected override IReadOnlyList<string> Queues => [QueueNames.Out];

        protected override int MaxConcurrency => 8;

        protected override async Task<EntryOutcome> ProcessAsync(QueueEntry entry, CancellationToken cancellationToken)
        {
            await Task.Yield();
            if (holdFor?.Invoke(entry) is { } hold)
            {
                await hold.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
            }

            Processed.Enqueue(entry.Id);
            if (throwFor?.Invoke(entry) == true)
            {
                throw new InvalidOperationException($"cannot handle {entry.Recipient}");
            }

            return new EntryOutcome.Done("250 2.0.0 ok");
        }
    }
}
