using System.Data.Common;
using Microsoft.Extensions.Logging.Abstractions;
using TldOps.Core.Scheduling;
using TldOps.Core.Storage;
using TldOps.Core.Storage.Queues;
using TldOps.Testing;

namespace TldOps.Core.Tests.Scheduling;

public sealed class SchedulerTests
{
    [Theory, SqliteData, PostgresData]
    public async Task Two_nodes_and_a_restart_run_each_occurrence_once(SqlDialect dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 1, 5, 59, 0, TimeSpan.Zero));
        var counter = new CountingJob(db.Database, "0 6 1 * *");
        Scheduler Node(string name) => new([counter.For(new ScheduledRunStore(db.Database, new NodeIdentity(name), clock))],
            new ScheduledRunStore(db.Database, new NodeIdentity(name), clock), clock, new SchedulerOptions(), NullLogger<Scheduler>.Instance);
        var a = Node("a");
        var b = Node("b");

        // 05:59: the October occurrence is a month old, past MaxLateness.
        Assert.Empty(await a.RunDueAsync());
        clock.Advance(TimeSpan.FromMinutes(1));
        var ran = await Task.WhenAll(a.RunDueAsync(), b.RunDueAsync());
        Assert.Equal(1, ran.Sum(r => r.Count));
        clock.Advance(TimeSpan.FromHours(3));
        var restarted = Node("a");
        Assert.Empty(await restarted.RunDueAsync());
        Assert.Empty(await b.RunDueAsync());
        clock.Set(new DateTimeOffset(2026, 12, 1, 6, 0, 30, TimeSpan.Zero));
        Assert.Single(await restarted.RunDueAsync());
        Assert.Empty(await a.RunDueAsync());

        Assert.Equal(["2026-11-01T06:00Z", "2026-12-01T06:00Z"], counter.Periods.Order());
        var runs = await new ScheduledRunStore(db.Database, new NodeIdentity("x"), clock).ListAsync("counting");
        Assert.Equal(2, runs.Count);
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_node_that_was_down_at_the_scheduled_time_catches_up_the_same_day_but_not_later(SqlDialect dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 1, 14, 0, 0, TimeSpan.Zero));
        var counter = new CountingJob(db.Database, "0 6 1 * *");
        var runs = new ScheduledRunStore(db.Database, new NodeIdentity("a"), clock);
        var scheduler = new Scheduler([counter.For(runs)], runs, clock, new SchedulerOptions(), NullLogger<Scheduler>.Instance);

        Assert.Single(await scheduler.RunDueAsync());
        clock.Set(new DateTimeOffset(2026, 12, 3, 6, 0, 0, TimeSpan.Zero));
        Assert.Empty(await scheduler.RunDueAsync());
        Assert.Equal(["2026-11-01T06:00Z"], counter.Periods);
    }

    [Fact]
    public async Task A_failing_job_is_logged_and_runs_again_at_the_next_poll_because_its_claim_rolled_back()
    {
        await using var db = await TestDatabase.CreateAsync(SqlDialect.Sqlite);
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 1, 6, 0, 0, TimeSpan.Zero));
        var runs = new ScheduledRunStore(db.Database, new NodeIdentity("a"), clock);
        var counter = new CountingJob(db.Database, "0 6 1 * *") { FailuresLeft = 1 };
        var scheduler = new Scheduler([counter.For(runs)], runs, clock, new SchedulerOptions(), NullLogger<Scheduler>.Instance);

        Assert.Empty(await scheduler.RunDueAsync());
        Assert.False(await runs.IsClaimedAsync("counting", "2026-11-01T06:00Z"));
        Assert.Single(await scheduler.RunDueAsync());
        Assert.Equal(["2026-11-01T06:00Z"], counter.Periods);
    }

    /// <summary>A job that claims its period and records, in the same transaction, that it ran.</summary>
    private sealed class CountingJob(Database database, string schedule)
    {
        private readonly List<string> _periods = [];
        private readonly Lock _gate = new();

        public int FailuresLeft { get; set; }

        public IReadOnlyList<string> Periods
        {
            get
            {
                lock (_gate)
                {
                    return _periods.ToList();
                }
            }
        }

        public IScheduledJob For(ScheduledRunStore runs) => new Job(this, runs, CronExpression.Parse(schedule));

        private async Task<bool> RunAsync(ScheduledRunStore runs, ScheduledOccurrence occurrence, CancellationToken cancellationToken)
        {
            var ran = await database.InTransactionAsync(async (DbConnection c, DbTransaction t) =>
            {
                if (!await runs.TryClaimAsync(c, t, "counting", occurrence.Period, cancellationToken: cancellationToken))
                {
                    return false;
                }

                if (FailuresLeft-- > 0)
                {
                    throw new InvalidOperationException("the work failed after the claim");
                }

                return true;
            }, cancellationToken);
            if (ran)
            {
                lock (_gate)
                {
                    _periods.Add(occurrence.Period);
                }
            }

            return ran;
        }

        private sealed class Job(CountingJob owner, ScheduledRunStore runs, CronExpression schedule) : IScheduledJob
        {
            public string Name => "counting";

            public CronExpression Schedule => schedule;

            public Task<bool> RunAsync(ScheduledOccurrence occurrence, CancellationToken cancellationToken = default) => owner.RunAsync(runs, occurrence, cancellationToken);
        }
    }
}
