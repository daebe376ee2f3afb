using System.CommandLine;

namespace TldOps.Server.Cli.Iana;

/// <summary><c>tldops iana …</c>: the IANA root zone data (delegations, their contacts and changes).</summary>
internal static class IanaCommand
{
    public static Command Create()
    {
        var command = new Command("iana", "Import and sync IANA's delegation records (manager, admin and tech contacts, name servers, DS).");
        command.Subcommands.Add(IanaImportCommand.Create());
        command.Subcommands.Add(IanaSyncCommand.Create());
        return command;
    }
}
