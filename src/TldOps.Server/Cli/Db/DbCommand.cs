using System.CommandLine;

namespace TldOps.Server.Cli.Db;

/// <summary><c>tldops db …</c>: database administration.</summary>
internal static class DbCommand
{
    public static Command Create()
    {
        var command = new Command("db", "Database administration.");
        command.Subcommands.Add(DbMigrateCommand.Create());
        return command;
    }
}
