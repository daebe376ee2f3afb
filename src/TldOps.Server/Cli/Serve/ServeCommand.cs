using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TldOps.Core.Lists.Delivery;
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

    private static readonly Option<string?> Smtp = new("--smtp")
    {
        Description = "SMTP listener for the list's addresses, HOST:PORT (default 127.0.0.1:2525; setting Lists:Listener:Smtp; empty for none).",
        HelpName = "HOST:PORT",
    };

    private static readonly Option<string?> Lmtp = new("--lmtp")
    {
        Description = "LMTP listener for use behind Postfix, HOST:PORT (default none; setting Lists:Listener:Lmtp).",
        HelpName = "HOST:PORT",
    };

    private static readonly Option<string?> Smarthost = new("--smarthost")
    {
        Description = "Relay all outgoing mail through HOST[:PORT] (setting Lists:Delivery:Smarthost; AUTH and STARTTLS in Lists:Delivery). Without it, mail goes to DATA/outbox unless Lists:Delivery:Mode is Mx.",
        HelpName = "HOST:PORT",
    };

    public static Command Create()
    {
        var command = new Command("serve", "Run TldOps: the web portal, mail in and out, queue runners and scheduled jobs.");
        command.Options.Add(Urls);
        command.Options.Add(Smtp);
        command.Options.Add(Lmtp);
        command.Options.Add(Smarthost);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var configuration = CliRuntime.BuildConfiguration(parseResult, Overrides(parseResult));
            SocketCompletions.Apply(StorageSettings.From(configuration).ResolveDatabase().Dialect);
            await using var app = ServeHost.Build(configuration);
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("TldOps.Serve");
            await app.Services.GetRequiredService<DatabaseStartup>().PrepareAsync(cancellationToken);
            await app.StartAsync(cancellationToken);
            logger.LogInformation("TldOps is serving the portal on {Urls} with {Database}; list mail goes out by {Transport}",
                string.Join(", ", ServeHost.BoundAddresses(app)), app.Services.GetRequiredService<Database>().Location.Display,
                app.Services.GetRequiredService<IMailTransport>().Description);
            logger.LogInformation("Socket continuations run {Where} ({Variable}={Value})",
                SocketCompletions.Inline ? "on the socket event threads" : "on the thread pool", SocketCompletions.Variable,
                Environment.GetEnvironmentVariable(SocketCompletions.Variable) ?? "unset");
            await FirstCommitteeLink.PrintAsync(app.Services, parseResult.InvocationConfiguration.Output, cancellationToken);
            await app.WaitForShutdownAsync(cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }

    private static IEnumerable<KeyValuePair<string, string?>> Overrides(ParseResult parseResult)
    {
        yield return new($"{PortalSettings.Section}:{nameof(PortalSettings.Urls)}", parseResult.GetValue(Urls));
        yield return new("Lists:Listener:Smtp", parseResult.GetValue(Smtp));
        yield return new("Lists:Listener:Lmtp", parseResult.GetValue(Lmtp));
        yield return new("Lists:Delivery:Smarthost", parseResult.GetValue(Smarthost));
    }
}
