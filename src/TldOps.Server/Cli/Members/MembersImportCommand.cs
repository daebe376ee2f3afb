using System.CommandLine;
using System.Globalization;
using TldOps.Core.Membership;
using TldOps.Server.Hosting;

namespace TldOps.Server.Cli.Members;

/// <summary>
/// <c>tldops members import FILE [--format auto|csv|mailman] [--dry-run]</c>: adds the people a roster
/// file lists, all or nothing, and reports every bad entry with its line.
/// </summary>
internal static class MembersImportCommand
{
    public static Command Create()
    {
        var fileArgument = new Argument<FileInfo>("FILE")
        {
            Description = "The roster (UTF-8): CSV with a header line naming the columns ccTLD,name,email,phone, or a Mailman roster as list_members -f prints it, one \"Name, #n, .tld, +phone\" <email> per line.",
        };
        var formatOption = new Option<string>("--format")
        {
            Description = "The roster format: auto (detect), csv or mailman.",
            DefaultValueFactory = _ => "auto",
            HelpName = "FORMAT",
        };
        var dryRunOption = new Option<bool>("--dry-run")
        {
            Description = "Check every entry and report, but store nothing.",
        };

        var command = new Command("import", "Add the members listed in a roster file: every entry is checked, and either all are added or none.");
        command.Arguments.Add(fileArgument);
        command.Options.Add(formatOption);
        command.Options.Add(dryRunOption);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var file = parseResult.GetValue(fileArgument)!;
            if (!file.Exists)
            {
                await parseResult.InvocationConfiguration.Error.WriteLineAsync($"{file.FullName}: no such file.");
                return ExitCodes.Failure;
            }

            await using var runtime = await CliRuntime.StartAsync(parseResult, cancellationToken);
            var importer = runtime.Get<MemberImporter>();
            var report = await importer.ImportFileAsync(file.FullName, runtime.Get<MembershipSettings>().ImportOptions(),
                parseResult.GetValue(formatOption), parseResult.GetValue(dryRunOption), cancellationToken);
            return await PrintAsync(runtime, file.Name, report);
        });
        return command;
    }

    private static async Task<int> PrintAsync(CliRuntime runtime, string name, MemberImportReport report)
    {
        if (!report.Succeeded)
        {
            var count = report.Errors.Count;
            await runtime.Error.WriteLineAsync($"{name}: nothing imported; {Count(count, "problem")} to fix:");
            foreach (var error in report.Errors)
            {
                await runtime.Error.WriteLineAsync($"  {name}: {error}");
            }

            return ExitCodes.Failure;
        }

        var people = report.Accepted.Count;
        var ccTlds = report.Accepted.Select(m => m.CcTld).Distinct(StringComparer.Ordinal).Count();
        await runtime.Output.WriteLineAsync(report.Committed
            ? $"{name}: imported {Count(people, "member")} of {Count(ccTlds, "ccTLD")} ({report.Format})."
            : $"{name}: {Count(people, "entry", "entries")} of {Count(ccTlds, "ccTLD")}, all valid; dry run, nothing stored.");
        return ExitCodes.Success;
    }

    private static string Count(int count, string one, string? many = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? one : many ?? one + "s")}");
}
