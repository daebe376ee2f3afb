using System.CommandLine;

namespace TldOps.Server.Cli.Archive;

/// <summary><c>tldops archive …</c>: the members-only archive of the list.</summary>
internal static class ArchiveCommand
{
    public static Command Create()
    {
        var command = new Command("archive", "The list's archive (members only): full-text search.");
        command.Subcommands.Add(ArchiveSearchCommand.Create());
        return command;
    }
}
