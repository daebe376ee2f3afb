using TldOps.Core.Membership.Reconfirmation;

namespace TldOps.Server.Cli.Iana;

/// <summary>After an import: new admin contacts are asked at once to reconfirm their ccTLD's contacts (rather than at the scheduler's next pass).</summary>
internal static class IanaReconfirmation
{
    public static async Task StartAsync(CliRuntime runtime, CancellationToken cancellationToken)
    {
        var started = await runtime.Get<ReconfirmationService>().ProcessRegistryEventsAsync(cancellationToken);
        if (started > 0)
        {
            await runtime.Output.WriteLineAsync($"Reconfirmation started for {started} ccTLD{(started == 1 ? string.Empty : "s")} with a new administrative contact.");
        }
    }
}
