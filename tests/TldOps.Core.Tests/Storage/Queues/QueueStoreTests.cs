using System.Text;
using TldOps.Core.Storage;
using TldOps.Core.Storage.Queues;
using TldOps.Testing;

namespace TldOps.Core.Tests.Storage.Queues;

public sealed class QueueStoreTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    [Theory, SqliteData, PostgresData]
    public async Task An_entry_is_leased_once_and_finished(SqlDialect dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        var clock = new ManualClock();
        var store = new QueueStore(db.Database, new QueueSignal(), clock);
        var messageId = await new MessageStore(db.Database, clock).AddAsync(Encoding.ASCII.GetBytes("Subject: x\r\n\r\nbody\r\n"));
        var id = await store.EnqueueAsync(new NewQueueEntry(QueueNames.In, MessageId: messageId, Sender: "a@example.org", Recipients: ["tld-ops@example.net"]));

        var first = await store.LeaseAsync("node-a", [QueueNames.In], 10, Lease);
        var second = await store.LeaseAsync("node-b", [QueueNames.In], 10, Lease);
        var lost = await store.ApplyAsync("node-a", [(first[0], new EntryOutcome.Done("250 ok"))]);

        var entry = Assert.Single(first);
        Assert.Equal(id, entry.Id);
        Assert.Equal(["tld-ops@example.net"], entry.RecipientList);
        Assert.Equal(1, entry.Attempts);
        Assert.Equal((QueueNames.In, messageId, "a@example.org"), (entry.Queue, entry.MessageId, entry.Sender));
        Assert.Equal(("node-a", clock.GetUtcNow() + Lease, "ready"), (entry.LeaseOwner, entry.LeaseUntil, entry.State));
        Assert.Equal(clock.GetUtcNow(), entry.CreatedAt);
        Assert.Empty(second);
        Assert.Equal(0, lost);
        var stored = await store.GetAsync(id);
        Assert.Equal("done", stored!.State);
        Assert.Equal("250 ok", stored.Reply);
        Assert.Null(stored.LeaseOwner);
        Assert.Equal(clock.GetUtcNow(), stored.FinishedAt);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Outcomes_and_the_next_lease_go_in_one_transaction(SqlDialect dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        var clock = new ManualClock();
        var store = new QueueStore(db.Database, new QueueSignal(), clock);
        await db.Database.InTransactionAsync((c, t) => store.EnqueueManyAsync(c, t,
            Enumerable.Range(0, 5).Select(i => new NewQueueEntry(QueueNames.Out, Recipient: $"m{i}@example.org"))));
        var first = await store.LeaseAsync("node-a", [QueueNames.Out], 2, Lease);
        var retryAt = clock.GetUtcNow().AddMinutes(5);

        var (lost, next) = await store.ApplyAndLeaseAsync(
            [(first[0], new EntryOutcome.Done("250 sent")), (first[1], new EntryOutcome.RetryLater(retryAt, "451 later"))],
            new LeaseRequest("node-a", [QueueNames.Out], 10, Lease));
        var (lostAgain, nothing) = await store.ApplyAndLeaseAsync([], new LeaseRequest("node-a", [QueueNames.Out], 0, Lease));
        var (_, rest) = await store.ApplyAndLeaseAsync([], new LeaseRequest("node-b", [QueueNames.Out], 10, Lease));

        Assert.Equal((0, 0), (lost, lostAgain));
        // The two just recorded are not leased again: one is done, the other waits for its time.
        Assert.Equal(["m2@example.org", "m3@example.org", "m4@example.org"], next.Select(e => e.Recipient));
        Assert.All(next, e => Assert.Equal(("node-a", 1), (e.LeaseOwner, e.Attempts)));
        Assert.Empty(nothing);
        Assert.Empty(rest);
        var done = await store.GetAsync(first[0].Id);
        var waiting = await store.GetAsync(first[1].Id);
        Assert.Equal(("done", "250 sent"), (done!.State, done.Reply));
        Assert.Equal(("ready", retryAt, "451 later", (string?)null), (waiting!.State, waiting.NotBefore, waiting.LastError, waiting.LeaseOwner));
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_failing_outcome_leaves_nothing_of_its_transaction_not_even_the_lease(SqlDialect dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        var store = new QueueStore(db.Database, new QueueSignal(), new ManualClock());
        await db.Database.InTransactionAsync((c, t) => store.EnqueueManyAsync(c, t,
            Enumerable.Range(0, 3).Select(i => new NewQueueEntry(QueueNames.Out, Recipient: $"m{i}@example.org"))));
        var first = Assert.Single(await store.LeaseAsync("node-a", [QueueNames.Out], 1, Lease));
        var failing = new EntryOutcome.Done(AlsoInTransaction: (_, _) => throw new InvalidOperationException("the runner's own write failed"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            store.ApplyAndLeaseAsync([(first, failing)], new LeaseRequest("node-a", [QueueNames.Out], 10, Lease)));

        Assert.Contains("own write failed", error.Message, StringComparison.Ordinal);
        Assert.Equal("ready", (await store.GetAsync(first.Id))!.State);
        // Nothing of the transaction stayed: the other two are still free for any node.
        Assert.Equal(2, (await store.LeaseAsync("node-b", [QueueNames.Out], 10, Lease)).Count);
    }

    [Theory, SqliteData, PostgresData]
    public async Task The_alert_lane_goes_first_whatever_the_order_of_arrival(SqlDialect dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        var store = new QueueStore(db.Database, new QueueSignal(), new ManualClock());
        for (var i = 0; i < 5; i++)
        {
            await store.EnqueueAsync(new NewQueueEntry(QueueNames.Out, QueuePriority.Bulk, Recipient: $"bulk{i}@example.org"));
        }

        await store.EnqueueAsync(new NewQueueEntry(QueueNames.Out, QueuePriority.Alert, Recipient: "alert@example.org"));

        var alertsOnly = await store.LeaseAsync("express", [QueueNames.Out], 10, Lease, maxPriority: QueuePriority.Alert);
        var rest = await store.LeaseAsync("bulk", [QueueNames.Out], 2, Lease);

        Assert.Equal("alert@example.org", Assert.Single(alertsOnly).Recipient);
        Assert.Equal(["bulk0@example.org", "bulk1@example.org"], rest.Select(e => e.Recipient));
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_lease_after_a_position_takes_only_what_follows_it_in_lease_order(SqlDialect dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        var store = new QueueStore(db.Database, new QueueSignal(), new ManualClock());
        var normal = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            normal.Add(await store.EnqueueAsync(new NewQueueEntry(QueueNames.Out, QueuePriority.Normal, Recipient: $"normal{i}@example.org")));
        }

        // Sorts before the position although it came later; bulk sorts after it although older than nothing.
        await store.EnqueueAsync(new NewQueueEntry(QueueNames.Out, QueuePriority.Alert, Recipient: "alert@example.org"));
        await store.EnqueueAsync(new NewQueueEntry(QueueNames.Out, QueuePriority.Bulk, Recipient: "bulk@example.org"));
        await store.EnqueueAsync(new NewQueueEntry(QueueNames.Retry, QueuePriority.Normal, Recipient: "other-queue@example.org"));
        var position = new LeasePosition(QueuePriority.Normal, normal[1]);

        var (_, first) = await store.ApplyAndLeaseAsync([], new LeaseRequest("node-a", [QueueNames.Out], 1, Lease, After: position));
        var (_, rest) = await store.ApplyAndLeaseAsync([], new LeaseRequest("node-a", [QueueNames.Out], 10, Lease, After: position));
        var alertLane = await store.ApplyAndLeaseAsync([], new LeaseRequest("node-b", [QueueNames.Out], 10, Lease, MaxPriority: QueuePriority.Alert, After: position));
        var fromStart = await store.LeaseAsync("node-c", [QueueNames.Out], 10, Lease);

        Assert.Equal(["normal2@example.org"], first.Select(e => e.Recipient));
        // The rest of the position's priority by id, then the priorities after it; nothing before it.
        Assert.Equal(["normal3@example.org", "bulk@example.org"], rest.Select(e => e.Recipient));
        Assert.All(rest, e => Assert.Equal(("node-a", 1), (e.LeaseOwner, e.Attempts)));
        // A position beyond a runner's lane is no position at all: the lane is looked at from its start.
        Assert.Equal(["alert@example.org"], alertLane.Leased.Select(e => e.Recipient));
        Assert.Equal(["normal0@example.org", "normal1@example.org"], fromStart.Select(e => e.Recipient));
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_dead_nodes_lease_expires_and_its_late_outcome_changes_nothing(SqlDialect dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        var clock = new ManualClock();
        var store = new QueueStore(db.Database, new QueueSignal(), clock);
        var id = await store.EnqueueAsync(new NewQueueEntry(QueueNames.Pipeline));

        var byA = Assert.Single(await store.LeaseAsync("node-a", [QueueNames.Pipeline], 1, Lease));
        clock.Advance(Lease - TimeSpan.FromSeconds(1));
        Assert.Empty(await store.LeaseAsync("node-b", [QueueNames.Pipeline], 1, Lease));
        clock.Advance(TimeSpan.FromSeconds(2));
        var byB = Assert.Single(await store.LeaseAsync("node-b", [QueueNames.Pipeline], 1, Lease));
        var lostByA = await store.ApplyAsync("node-a", [(byA, new EntryOutcome.Failed("late"))]);
        var lostByB = await store.ApplyAsync("node-b", [(byB, new EntryOutcome.Done())]);

        Assert.Equal(2, byB.Attempts);
        Assert.Equal(1, lostByA);
        Assert.Equal(0, lostByB);
        Assert.Equal("done", (await store.GetAsync(id))!.State);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Nodes_leasing_at_the_same_time_never_get_the_same_entry(SqlDialect dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        var store = new QueueStore(db.Database, new QueueSignal(), TimeProvider.System);
        await db.Database.InTransactionAsync((c, t) => store.EnqueueManyAsync(c, t,
            Enumerable.Range(0, 400).Select(i => new NewQueueEntry(QueueNames.Out, Recipient: $"m{i}@example.org"))));

        var nodes = Enumerable.Range(0, 4).Select(n => Task.Run(async () =>
        {
            var mine = new List<long>();
            for (var round = 0; round < 400; round++)
            {
                var leased = await store.LeaseAsync($"node-{n}", [QueueNames.Out], 7, Lease);
                if (leased.Count == 0)
                {
                    break;
                }

                mine.AddRange(leased.Select(e => e.Id));
            }

            return mine;
        })).ToList();
        var all = (await Task.WhenAll(nodes)).SelectMany(x => x).ToList();

        Assert.Equal(400, all.Count);
        Assert.Equal(400, all.Distinct().Count());
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_temporary_failure_waits_in_retry_until_its_time(SqlDialect dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        var clock = new ManualClock();
        var store = new QueueStore(db.Database, new QueueSignal(), clock);
        var id = await store.EnqueueAsync(new NewQueueEntry(QueueNames.Out, Recipient: "x@example.org"));
        var leased = Assert.Single(await store.LeaseAsync("n", [QueueNames.Out, QueueNames.Retry], 1, Lease));

        await store.ApplyAsync("n", [(leased, new EntryOutcome.RetryLater(clock.GetUtcNow().AddMinutes(10), "451 try later", QueueNames.Retry))]);
        var tooEarly = await store.LeaseAsync("n", [QueueNames.Out, QueueNames.Retry], 1, Lease);
        clock.Advance(TimeSpan.FromMinutes(11));
        var due = await store.LeaseAsync("n", [QueueNames.Out, QueueNames.Retry], 1, Lease);

        Assert.Empty(tooEarly);
        var again = Assert.Single(due);
        Assert.Equal(id, again.Id);
        Assert.Equal(QueueNames.Retry, again.Queue);
        Assert.Equal("451 try later", again.LastError);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Quarantined_entries_are_listed_counted_and_replayed_to_their_queue(SqlDialect dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        var store = new QueueStore(db.Database, new QueueSignal(), new ManualClock());
        var id = await store.EnqueueAsync(new NewQueueEntry(QueueNames.Bounces));
        var leased = Assert.Single(await store.LeaseAsync("n", [QueueNames.Bounces], 1, Lease));
        await store.ApplyAsync("n", [(leased, new EntryOutcome.Quarantined("FormatException: broken report"))]);

        var quarantined = Assert.Single(await store.ListAsync(QueueNames.Quarantine, null));
        var counts = await store.CountsAsync();
        var replayed = await store.ReplayAsync(id);
        var replayedTwice = await store.ReplayAsync(id);
        var back = await store.GetAsync(id);

        Assert.Equal(QueueNames.Bounces, quarantined.OriginQueue);
        Assert.Contains(counts, c => c.Queue == QueueNames.Quarantine && c.State == "ready" && c.Count == 1);
        Assert.True(replayed);
        Assert.False(replayedTwice);
        Assert.Equal(QueueNames.Bounces, back!.Queue);
        Assert.Equal(0, back.Attempts);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Purging_keeps_unfinished_entries_and_their_messages(SqlDialect dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        var clock = new ManualClock();
        var store = new QueueStore(db.Database, new QueueSignal(), clock);
        var messages = new MessageStore(db.Database, clock);
        var oldMessage = await messages.AddAsync(new byte[] { 1, 2, 3 });
        var liveMessage = await messages.AddAsync(new byte[] { 4, 5, 6 });
        await store.EnqueueAsync(new NewQueueEntry(QueueNames.Out, MessageId: oldMessage));
        var live = await store.EnqueueAsync(new NewQueueEntry(QueueNames.Virgin, MessageId: liveMessage));
        var leased = await store.LeaseAsync("n", [QueueNames.Out], 1, Lease);
        await store.ApplyAsync("n", [(leased[0], new EntryOutcome.Done())]);
        clock.Advance(TimeSpan.FromDays(31));

        var purged = await store.PurgeFinishedAsync(clock.GetUtcNow().AddDays(-30));

        Assert.Equal(1, purged);
        Assert.Null(await messages.GetAsync(oldMessage));
        Assert.NotNull(await messages.GetAsync(liveMessage));
        Assert.NotNull(await store.GetAsync(live));
    }
}
