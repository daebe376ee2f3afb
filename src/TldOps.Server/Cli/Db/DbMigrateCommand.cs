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
            var migrator = runtime.Get<Migrator>();
            var before = await migrator.CurrentVersionAsync(cancellationToken);
            await runtime.Get<Hosting.DatabaseStartup>().PrepareAsync(cancellationToken);
            var after = await migrator.CurrentVersionAsync(cancellationToken);
            var where = runtime.Get<Database>().Location.Display;
            runtime.Output.WriteLine(after == before
                ? string.Create(CultureInfo.InvariantCulture, $"{where} is up to date (version {after}).")
                : string.Create(CultureInfo.InvariantCulture, $"{where} migrated from version {before} to {after}."));
            return ExitCodes.Success;
        });
        return command;
    }
}
