using System.CommandLine;
using System.Globalization;
using TldOps.Core.ContactDirectory;
using TldOps.Core.Scheduling;

namespace TldOps.Server.Cli.Repository;

/// <summary>
/// <c>tldops repository send --now</c>: queues the contact repository mail for every active
/// member at once, outside the schedule (recorded as its own run, "manual:TIME"; the scheduled
/// monthly mail still goes out on its day).
/// </summary>
internal static class RepositorySendCommand
{
    public static Command Create()
    {
        var nowOption = new Option<bool>("--now")
        {
            Description = "Send now, outside the monthly schedule (required: the scheduler sends the monthly mail by itself).",
        };
        var command = new Command("send", "Queue the contact repository mail for every active member now.");
        command.Options.Add(nowOption);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (!parseResult.GetValue(nowOption))
            {
                await parseResult.InvocationConfiguration.Error.WriteLineAsync("The monthly mail goes out by itself (setting Scheduler:ContactRepository); add --now to send one now.");
                return ExitCodes.Usage;
            }

            await using var runtime = await CliRuntime.StartAsync(parseResult, cancellationToken);
            var clock = runtime.Get<TimeProvider>();
            var result = await runtime.Get<ContactRepositoryService>().SendAsync(ScheduledOccurrence.Manual(ContactRepositoryService.JobName, clock.GetUtcNow()), cancellationToken);
            await runtime.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Queued the contact repository for {result.Recipients} {(result.Recipients == 1 ? "member" : "members")} ({result.Messages} {(result.Messages == 1 ? "message" : "messages")}, one per language)."));
            return ExitCodes.Success;
        });
        return command;
    }
}
