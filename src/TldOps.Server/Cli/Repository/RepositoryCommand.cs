using System.CommandLine;

namespace TldOps.Server.Cli.Repository;

/// <summary><c>tldops repository …</c>: the monthly contact repository.</summary>
internal static class RepositoryCommand
{
    public static Command Create()
    {
        var command = new Command("repository", "The contact repository mailed to every member each month.");
        command.Subcommands.Add(RepositoryPreviewCommand.Create());
        command.Subcommands.Add(RepositorySendCommand.Create());
        return command;
    }
}
