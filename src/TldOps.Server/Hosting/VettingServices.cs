using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TldOps.Core.ContactDirectory;
using TldOps.Core.Lists.Requests;
using TldOps.Core.Membership;
using TldOps.Core.Membership.Authority;
using TldOps.Core.Membership.Joining;
using TldOps.Core.Membership.Keys;
using TldOps.Core.Membership.Mail;
using TldOps.Core.Membership.Reconfirmation;
using TldOps.Core.Membership.Requests;
using TldOps.Core.Membership.Reverification;
using TldOps.Core.Membership.Roster;
using TldOps.Core.Membership.Vetting;
using TldOps.Core.Scheduling;
using TldOps.Core.Storage;

namespace TldOps.Server.Hosting;

/// <summary>Vetting, the contact repository and the scheduler: the services of issue 6's core.</summary>
internal static class VettingServices
{
    public static IServiceCollection AddVetting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(VettingSettings.From(configuration));
        var scheduler = SchedulerSettings.From(configuration);
        services.AddSingleton(scheduler);
        services.AddSingleton(scheduler.Options());

        services.AddSingleton<IMemberRosterFormat, MailmanRosterFormat>();
        services.AddSingleton<OpenPgpKeyReader>();
        services.AddSingleton<AdminContactDirectory>();
        services.AddSingleton<VettingMailer>();
        services.AddSingleton<MemberVettingStore>();
        services.AddSingleton<CcTldVettingStore>();
        services.AddSingleton<JoinRequestStore>();
        services.AddSingleton<CapExceptionStore>();
        services.AddSingleton<JoinContactValidator>();
        services.AddSingleton<JoinRequestService>();
        services.AddSingleton<ReconfirmationService>();
        services.AddSingleton<ReverificationService>();
        // IDeliveryHealth (which members bounce) comes from the list engine's bounce processing (Hosting/ListEngineServices.cs).
        services.AddSingleton<VettingRequestMailHandler>();
        services.AddSingleton<IRequestMailHandler>(sp => sp.GetRequiredService<VettingRequestMailHandler>());
        services.AddSingleton<ContactRepositoryService>();

        services.AddSingleton<ScheduledRunStore>();
        services.AddSingleton<IScheduledJob>(sp => new ContactRepositoryJob(sp.GetRequiredService<ContactRepositoryService>(), CronExpression.Parse(scheduler.ContactRepository)));
        services.AddSingleton<IScheduledJob>(sp => Job(sp, "join-reminders", scheduler.JoinReminders, async ct =>
            JsonSerializer.Serialize(await sp.GetRequiredService<JoinRequestService>().RunRemindersAsync(ct).ConfigureAwait(false) is var (reminded, expired) ? new { reminded, expired } : null)));
        services.AddSingleton<IScheduledJob>(sp => Job(sp, "registry-events", scheduler.RegistryEvents, async ct =>
            JsonSerializer.Serialize(new { reconfirmations = await sp.GetRequiredService<ReconfirmationService>().ProcessRegistryEventsAsync(ct).ConfigureAwait(false) })));
        services.AddSingleton<IScheduledJob>(sp => Job(sp, "reconfirm-deadlines", scheduler.ReconfirmDeadlines, async ct =>
            JsonSerializer.Serialize(new { lapsed = await sp.GetRequiredService<ReconfirmationService>().RunDeadlinesAsync(ct).ConfigureAwait(false) })));
        services.AddSingleton<IScheduledJob>(sp => Job(sp, "reverification", scheduler.Reverification, async ct =>
            JsonSerializer.Serialize(await sp.GetRequiredService<ReverificationService>().RunAsync(ct).ConfigureAwait(false))));
        if (!string.IsNullOrWhiteSpace(scheduler.IanaSync))
        {
            IanaSyncJob.Validate(IanaSettings.From(configuration));
            services.AddSingleton<IanaSyncJob>();
            services.AddSingleton<IScheduledJob>(sp => Job(sp, "iana-sync", scheduler.IanaSync, sp.GetRequiredService<IanaSyncJob>().RunAsync));
        }

        services.AddSingleton<Scheduler>();
        return services;
    }

    private static ClaimedJob Job(IServiceProvider services, string name, string schedule, Func<CancellationToken, Task<string>> work) =>
        new(name, CronExpression.Parse(schedule), services.GetRequiredService<Database>(), services.GetRequiredService<ScheduledRunStore>(), work);
}
