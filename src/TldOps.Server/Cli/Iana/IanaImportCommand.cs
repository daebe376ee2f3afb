using System.CommandLine;
using TldOps.Core.Registry.Iana;

namespace TldOps.Server.Cli.Iana;

/// <summary><c>tldops iana import PATH…</c>: whois answers saved as files, or folders of them.</summary>
internal static class IanaImportCommand
{
    private static readonly Argument<string[]> Paths = new("PATH")
    {
        Description = "A whois answer file, or a folder searched recursively for files named after a TLD (DE, XN--P1AI, de.txt).",
        Arity = ArgumentArity.OneOrMore,
    };

    public static Command Create()
    {
        var command = new Command(
            "import",
            "Import saved whois.iana.org answers (current and pre-2010 layouts). Records every changed field; a new admin contact raises an event. Exit 1 if any answer was malformed.");
        command.Arguments.Add(Paths);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var runtime = await CliRuntime.StartAsync(parseResult, cancellationToken);
            var paths = parseResult.GetRequiredValue(Paths);
            var importer = runtime.Get<IanaImporter>();
            var report = await IanaProgressDisplay.RunAsync(runtime, "Importing", progress => importer.ImportFilesAsync(paths, progress, cancellationToken));
            IanaReportWriter.Write(report, runtime.Output, runtime.Error);
            await IanaReconfirmation.StartAsync(runtime, cancellationToken);
            return report.Errors.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }
}
