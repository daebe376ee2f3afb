using Microsoft.Extensions.DependencyInjection;
using TldOps.Core.Scheduling;
using TldOps.Server.Tests.Support;

namespace TldOps.Server.Tests.Hosting;

public sealed class ServeSchedulerTests
{
    [Fact]
    public async Task Serve_runs_the_scheduler_which_claims_the_current_period_of_the_quarter_hourly_registry_job()
    {
        await using var server = await PortalServer.StartAsync();
        var runs = server.Services.GetRequiredService<ScheduledRunStore>();
        var expected = ScheduledOccurrence.PeriodKey(CronExpression.Parse("*/15 * * * *").GetPreviousOccurrence(DateTimeOffset.UtcNow)!.Value);

        // The first poll happens at start; wait (bounded) until the run is claimed and its detail recorded.
        IReadOnlyList<ScheduledRun> found = [];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!timeout.IsCancellationRequested && !(found = await runs.ListAsync("registry-events")).Any(r => r.Detail != "{}"))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), CancellationToken.None);
        }

        var run = Assert.Single(found);
        Assert.True(run.Period == expected || string.CompareOrdinal(run.Period, expected) > 0, $"{run.Period} vs {expected}");
        Assert.Equal("{\"reconfirmations\":0}", run.Detail);
    }
}
