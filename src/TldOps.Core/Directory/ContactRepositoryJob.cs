using TldOps.Core.Scheduling;

namespace TldOps.Core.ContactDirectory;

/// <summary>The monthly contact repository mail on its cron schedule (default 06:00 UTC on the 1st).</summary>
public sealed class ContactRepositoryJob(ContactRepositoryService service, CronExpression schedule) : IScheduledJob
{
    public string Name => ContactRepositoryService.JobName;

    public CronExpression Schedule => schedule;

    public async Task<bool> RunAsync(ScheduledOccurrence occurrence, CancellationToken cancellationToken = default) =>
        (await service.SendAsync(occurrence, cancellationToken).ConfigureAwait(false)).Claimed;
}
