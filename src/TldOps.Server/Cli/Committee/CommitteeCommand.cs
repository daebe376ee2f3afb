using System.CommandLine;

namespace TldOps.Server.Cli.Committee;

/// <summary><c>tldops committee …</c>: the Standing Committee, for operators.</summary>
internal static class CommitteeCommand
{
    public static Command Create()
    {
        var command = new Command("committee", "The Standing Committee: who is on it, and adding someone (as the operator).");
        command.Subcommands.Add(CommitteeAddCommand.Create());
        command.Subcommands.Add(CommitteeListCommand.Create());
        return command;
    }
}
