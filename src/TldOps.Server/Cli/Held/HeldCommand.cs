using System.CommandLine;

namespace TldOps.Server.Cli.Held;

/// <summary><c>tldops held …</c>: the committee's moderation queue.</summary>
internal static class HeldCommand
{
    public static Command Create()
    {
        var command = new Command("held", "The moderation queue: posts the posting chain held for the committee.");
        command.Subcommands.Add(HeldListCommand.Create());
        command.Subcommands.Add(HeldShowCommand.Create());
        command.Subcommands.Add(HeldApproveCommand.Create());
        command.Subcommands.Add(HeldRejectCommand.Create());
        return command;
    }

    /// <summary>Who a CLI decision is recorded as: the operator at this machine's shell.</summary>
    public const string Actor = "operator";

    /// <summary>What a CLI decision rests on, for the audit log.</summary>
    public const string Authority = "cli";
}
