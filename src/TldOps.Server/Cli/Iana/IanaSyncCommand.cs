using System.CommandLine;
using System.Globalization;
using TldOps.Core.Registry;
using TldOps.Core.Registry.Iana;
using TldOps.Server.Hosting;

namespace TldOps.Server.Cli.Iana;

/// <summary><c>tldops iana sync</c>: asks IANA live (whois port 43 or RDAP), politely, and imports the answers.</summary>
internal static class IanaSyncCommand
{
    private static readonly Option<string[]> Tlds = new("--tld")
    {
        Description = "A TLD to sync (repeatable, or a comma list: --tld de,fr). Default: every ccTLD of the reference data.",
        HelpName = "TLD",
    };

    private static readonly Option<string?> Source = new("--source")
    {
        Description = "Ask whois (port 43) or RDAP (default whois; setting Iana:Source).",
        HelpName = "whois|rdap",
    };

    private static readonly Option<string?> Server = new("--server")
    {
        Description = "The whois server as HOST[:PORT] (default whois.iana.org:43; setting Iana:WhoisServer).",
        HelpName = "HOST:PORT",
    };

    private static readonly Option<string?> RdapBase = new("--rdap-base")
    {
        Description = "The RDAP service base URL (default https://rdap.iana.org/; setting Iana:RdapBase).",
        HelpName = "URL",
    };

    public static Command Create()
    {
        Source.AcceptOnlyFromAmong("whois", "rdap");
        var command = new Command(
            "sync",
            "Fetch delegation records live from IANA, one query a second (setting Iana:QueryInterval), with timeouts and retries, and import them. Exit 1 if any TLD failed.");
        command.Options.Add(Tlds);
        command.Options.Add(Source);
        command.Options.Add(Server);
        command.Options.Add(RdapBase);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var runtime = await CliRuntime.StartAsync(parseResult, cancellationToken);
            var settings = runtime.Get<IanaSettings>();
            if (!TryReadTlds(parseResult.GetValue(Tlds) ?? [], runtime.Get<CcTldCatalog>(), out var tlds, out var problem)
                || !IanaSources.TryCreate(settings, parseResult.GetValue(Source), parseResult.GetValue(Server), parseResult.GetValue(RdapBase), out var source, out problem))
            {
                await runtime.Error.WriteLineAsync(problem);
                return ExitCodes.Usage;
            }

            using (source as IDisposable)
            {
                var importer = runtime.Get<IanaImporter>();
                var report = await IanaProgressDisplay.RunAsync(runtime, "Syncing", progress => importer.SyncAsync(source, tlds, progress, cancellationToken));
                IanaReportWriter.Write(report, runtime.Output, runtime.Error);
                await IanaReconfirmation.StartAsync(runtime, cancellationToken);
                return report.Errors.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
            }
        });
        return command;
    }

    private static bool TryReadTlds(string[] values, CcTldCatalog catalog, out List<string> tlds, out string problem)
    {
        problem = string.Empty;
        if (values.Length == 0)
        {
            tlds = catalog.All.Select(t => t.Code).ToList();
            return true;
        }

        tlds = [];
        foreach (var value in values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var label = CcTldCatalog.Normalise(value);
            if (label is null || !label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                problem = $"--tld: '{value}' is not a TLD.";
                return false;
            }

            if (!tlds.Contains(label, StringComparer.Ordinal))
            {
                tlds.Add(label);
            }
        }

        return true;
    }
}
