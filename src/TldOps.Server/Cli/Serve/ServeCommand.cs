using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TldOps.Core.Storage;
using TldOps.Server.Hosting;

namespace TldOps.Server.Cli.Serve;

/// <summary>
/// <c>tldops serve</c>: the portal, the mail listeners, the queue runners and the scheduler in
/// one process. Starts with no configuration at all (SQLite in ./data); stops gracefully on
/// SIGINT/SIGTERM, finishing in-flight work.
/// </summary>
internal static class ServeCommand
{
    private static readonly Option<string?> Urls = new("--urls")
    {
        Description = "Portal URLs, semicolon-separated (default http://127.0.0.1:8080; setting Portal:Urls).",
        HelpName = "URLS",
    };

    public static Command Create()
    {
        var command = new Command("serve", "Run TldOps: the web portal, mail in and out, queue runners and scheduled jobs.");
        command.Options.Add(Urls);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var configuration = CliRuntime.BuildConfiguration(parseResult, Overrides(parseResult));
            await using var app = ServeHost.Build(configuration);
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("TldOps.Serve");
            await app.Services.GetRequiredService<DatabaseStartup>().PrepareAsync(cancellationToken);
            await app.StartAsync(cancellationToken);
            logger.LogInformation("TldOps is serving the portal on {Urls} with {Database}",
                string.Join(", ", ServeHost.BoundAddresses(app)), app.Services.GetRequiredService<Database>().Location.Display);
            await FirstCommitteeLink.PrintAsync(app.Services, parseResult.InvocationConfiguration.Output, cancellationToken);
            await app.WaitForShutdownAsync(cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }

    private static IEnumerable<KeyValuePair<string, string?>> Overrides(ParseResult parseResult)
    {
        yield return new($"{PortalSettings.Section}:{nameof(PortalSettings.Urls)}", parseResult.GetValue(Urls));
    }
}
