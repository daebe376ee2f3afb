using System.CommandLine;

namespace TldOps.Server.Cli.Members;

/// <summary><c>tldops members …</c>: the people on the list.</summary>
internal static class MembersCommand
{
    public static Command Create()
    {
        var command = new Command("members", "The people on the list.");
        command.Subcommands.Add(MembersImportCommand.Create());
        return command;
    }
}
