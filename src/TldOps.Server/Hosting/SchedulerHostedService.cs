using Microsoft.Extensions.Hosting;
using TldOps.Core.Scheduling;

namespace TldOps.Server.Hosting;

/// <summary>Runs the <see cref="Scheduler"/> inside <c>tldops serve</c>.</summary>
internal sealed class SchedulerHostedService(Scheduler scheduler) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await scheduler.RunAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
            return;
        }
    }
}
