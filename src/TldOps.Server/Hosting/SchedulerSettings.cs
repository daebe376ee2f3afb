using Microsoft.Extensions.Configuration;
using TldOps.Core.Scheduling;

namespace TldOps.Server.Hosting;

/// <summary>The <c>Scheduler</c> section: polling, catch-up, and the cron schedule (UTC) of each job.</summary>
internal sealed class SchedulerSettings
{
    public const string Section = "Scheduler";

    /// <summary>How often due jobs are looked for. Default 30 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How late a missed occurrence may still run. Default 1 day.</summary>
    public TimeSpan MaxLateness { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The monthly contact repository mail. Default 06:00 UTC on the 1st.</summary>
    public string ContactRepository { get; set; } = "0 6 1 * *";

    /// <summary>Join request reminders and expiry. Default hourly.</summary>
    public string JoinReminders { get; set; } = "5 * * * *";

    /// <summary>Consuming IANA registry events (admin-contact changes). Default every 15 minutes.</summary>
    public string RegistryEvents { get; set; } = "*/15 * * * *";

    /// <summary>Reconfirmation deadlines. Default hourly.</summary>
    public string ReconfirmDeadlines { get; set; } = "25 * * * *";

    /// <summary>Re-verification requests, reminders, flags, suspensions and bounce flags. Default daily at 05:45 UTC.</summary>
    public string Reverification { get; set; } = "45 5 * * *";

    /// <summary>
    /// The automatic IANA sync of every ccTLD (the <c>Iana</c> section says how), whose new admin
    /// contacts start reconfirmation. Default empty: off, because it queries whois.iana.org (about
    /// five minutes at one query a second); production sets it, e.g. <c>30 2 * * 1</c> (Mondays).
    /// </summary>
    public string IanaSync { get; set; } = string.Empty;

    public SchedulerOptions Options() => new SchedulerOptions { PollInterval = PollInterval, MaxLateness = MaxLateness }.Validate();

    /// <summary>Reads the section; a bad cron expression fails with the setting's name and the offset.</summary>
    public static SchedulerSettings From(IConfiguration configuration)
    {
        var settings = new SchedulerSettings();
        configuration.GetSection(Section).Bind(settings);
        foreach (var (name, value) in settings.Schedules())
        {
            try
            {
                CronExpression.Parse(value);
            }
            catch (CronFormatException ex)
            {
                throw new InvalidOperationException($"{Section}:{name}: {ex.Message}", ex);
            }
        }

        return settings;
    }

    public IEnumerable<(string Name, string Value)> Schedules() =>
    [
        (nameof(ContactRepository), ContactRepository),
        (nameof(JoinReminders), JoinReminders),
        (nameof(RegistryEvents), RegistryEvents),
        (nameof(ReconfirmDeadlines), ReconfirmDeadlines),
        (nameof(Reverification), Reverification),
        .. string.IsNullOrWhiteSpace(IanaSync) ? Array.Empty<(string, string)>() : [(nameof(IanaSync), IanaSync)],
    ];
}
