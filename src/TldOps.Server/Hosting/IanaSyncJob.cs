using System.Text.Json;
using Microsoft.Extensions.Logging;
using TldOps.Core.Membership.Reconfirmation;
using TldOps.Core.Registry;
using TldOps.Core.Registry.Iana;

namespace TldOps.Server.Hosting;

/// <summary>
/// The scheduled IANA sync (<c>Scheduler:IanaSync</c>): every ccTLD of the reference data is
/// fetched from the source the <c>Iana</c> settings name and imported, as
/// <c>tldops iana sync</c> does; new administrative contacts then start reconfirmation at once.
/// A TLD that fails is logged and left for the next run; the others are imported.
/// </summary>
internal sealed class IanaSyncJob(IanaSettings settings, IanaImporter importer, CcTldCatalog catalog, ReconfirmationService reconfirmation, ILogger<IanaSyncJob> logger)
{
    /// <summary>Throws when the settings cannot make a source (checked when the host is built, not at the first run).</summary>
    public static void Validate(IanaSettings settings)
    {
        if (!IanaSources.TryCreate(settings, null, null, null, out var source, out var problem))
        {
            throw new InvalidOperationException($"Scheduler:IanaSync is set, but the IANA source cannot be made: {problem}");
        }

        (source as IDisposable)?.Dispose();
    }

    /// <summary>Runs one sync; returns the run's detail (JSON) for <c>scheduled_run</c>.</summary>
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        if (!IanaSources.TryCreate(settings, null, null, null, out var source, out var problem))
        {
            throw new InvalidOperationException(problem);
        }

        using (source as IDisposable)
        {
            var report = await importer.SyncAsync(source, catalog.All.Select(t => t.Code).ToList(), progress: null, cancellationToken).ConfigureAwait(false);
            foreach (var error in report.Errors)
            {
                logger.LogWarning("IANA sync: {Error}", error.ToString());
            }

            var reconfirmations = await reconfirmation.ProcessRegistryEventsAsync(cancellationToken).ConfigureAwait(false);
            var counts = report.Counts;
            logger.LogInformation(
                "IANA sync from {Source}: {Answers} answers, {Changed} changed, {Removed} removed, {Errors} errors; reconfirmation started for {Reconfirmations} ccTLDs",
                source.Description, counts.Answers, counts.Changed, counts.Removed, counts.Errors, reconfirmations);
            return JsonSerializer.Serialize(new
            {
                answers = counts.Answers,
                added = counts.Added,
                changed = counts.Changed,
                removed = counts.Removed,
                errors = counts.Errors,
                adminContactChanges = report.AdminContactChanges.ToList(),
                reconfirmations,
            });
        }
    }
}
