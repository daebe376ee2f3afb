using System.CommandLine;
using TldOps.Core.Common;
using TldOps.Core.Coverage;
using TldOps.Core.Registry;

namespace TldOps.Server.Cli.Coverage;

/// <summary>
/// <c>tldops coverage [--region R] [--format table|json|csv] [--language L]</c>: which delegated
/// ccTLDs are members and which are missing. The JSON is exactly what /api/coverage returns.
/// </summary>
internal static class CoverageCommand
{
    public static Command Create()
    {
        var regionOption = new Option<string?>("--region")
        {
            Description = $"Only this ICANN region: {string.Join(", ", IcannRegions.All.Select(r => r.ToCode()))} (or af, ap, eu, lac, na).",
            HelpName = "REGION",
        };
        regionOption.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string?>();
            if (value is not null && !IcannRegions.TryParse(value, out _))
            {
                result.AddError($"Unknown region '{value}'; use one of {string.Join(", ", IcannRegions.All.Select(r => r.ToCode()))}.");
            }
        });
        var formatOption = new Option<string>("--format")
        {
            Description = "table (for people), json (the API's document) or csv (figures per region, then all regions).",
            DefaultValueFactory = _ => "table",
            HelpName = "FORMAT",
        }.AcceptOnlyFromAmong("table", "json", "csv");
        var languageOption = new Option<string>("--language")
        {
            Description = "Language of the country names in the missing list: en, fr, es, ru, zh or ar.",
            DefaultValueFactory = _ => Language.English,
            HelpName = "LANG",
        }.AcceptOnlyFromAmong([.. Language.All]);

        var command = new Command("coverage", "Coverage of the delegated ccTLDs: members, people, missing ccTLDs, per ICANN region, and the missing list.");
        command.Options.Add(regionOption);
        command.Options.Add(formatOption);
        command.Options.Add(languageOption);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            IcannRegion? region = IcannRegions.TryParse(parseResult.GetValue(regionOption), out var parsed) ? parsed : null;
            var language = parseResult.GetValue(languageOption)!;
            await using var runtime = await CliRuntime.StartAsync(parseResult, cancellationToken);
            var report = await runtime.Get<CoverageService>().GetReportAsync(region, cancellationToken);
            var output = parseResult.GetValue(formatOption) switch
            {
                "json" => CoverageJson.Write(report, language),
                "csv" => CoverageText.Csv(report),
                _ => CoverageText.Table(report, language),
            };
            await runtime.Output.WriteAsync(output.AsMemory(), cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }
}
