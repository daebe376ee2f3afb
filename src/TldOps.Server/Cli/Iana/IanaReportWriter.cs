using System.Globalization;
using TldOps.Core.Registry.Iana;

namespace TldOps.Server.Cli.Iana;

/// <summary>
/// Prints an import's summary on standard output (counts, changed TLDs with their fields, new
/// administrative contacts, TLDs not found) and each error on standard error as
/// "FILE:LINE: message", the form editors and CI logs link to.
/// </summary>
internal static class IanaReportWriter
{
    public static void Write(IanaImportReport report, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var c = report.Counts;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Import {report.ImportId} from {report.Source}: {c.Answers} answers: {c.Added} added, {c.Changed} changed, {c.Unchanged} unchanged, {c.Removed} removed, {c.NotFound} not found, {c.Stale} older than stored, {c.Errors} errors."));
        if (report.SkippedFiles > 0)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Skipped {report.SkippedFiles} files not named after a TLD."));
        }

        var changed = report.Changed.ToList();
        if (changed.Count > 0)
        {
            output.WriteLine("Changed:");
            foreach (var outcome in changed)
            {
                output.WriteLine($"  {outcome.Tld}: {string.Join(", ", outcome.Changes.Select(f => f.Field))}");
            }
        }

        var admins = report.AdminContactChanges.ToList();
        if (admins.Count > 0)
        {
            output.WriteLine($"Administrative contact changed (authorisations to confirm again): {string.Join(", ", admins)}");
        }

        var notFound = report.Outcomes.Where(o => o.Kind == DelegationOutcomeKind.NotFound).Select(o => o.Tld).Distinct(StringComparer.Ordinal).ToList();
        if (notFound.Count > 0)
        {
            output.WriteLine($"Not found: {string.Join(", ", notFound)}");
        }

        foreach (var problem in report.Errors)
        {
            error.WriteLine(problem.ToString());
        }
    }
}
