using System.CommandLine;
using System.Globalization;
using TldOps.Core.Storage;

namespace TldOps.Server.Cli.Db;

/// <summary><c>tldops db migrate</c>: applies pending migrations (serve does it at start too).</summary>
internal static class DbMigrateCommand
{
    public static Command Create()
    {
        var command = new Command("migrate", "Apply pending database migrations and load the ccTLD reference data. Safe to run on several nodes at once.");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var runtime = await CliRuntime.StartAsync(parseResult, cancellationToken, prepareDatabase: false);
            var applied = await runtime.Get<Hosting.DatabaseStartup>().PrepareAsync(cancellationToken);
            var version = await runtime.Get<Migrator>().CurrentVersionAsync(cancellationToken);
            var where = runtime.Get<Database>().Location.Display;
            foreach (var migration in applied)
            {
                runtime.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"applied {migration.Version:D4}_{migration.Name}"));
            }

            runtime.Output.WriteLine(applied.Count == 0
                ? string.Create(CultureInfo.InvariantCulture, $"{where} is up to date (version {version}).")
                : string.Create(CultureInfo.InvariantCulture, $"{where} migrated: {applied.Count} migration(s) applied, now at version {version}."));
            return ExitCodes.Success;
        });
        return command;
    }
}
