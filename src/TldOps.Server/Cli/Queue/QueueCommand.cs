using System.CommandLine;

namespace TldOps.Server.Cli.Queue;

/// <summary><c>tldops queue …</c>: look into the durable queues and replay quarantined entries.</summary>
internal static class QueueCommand
{
    public static Command Create()
    {
        var command = new Command("queue", "Inspect the mail queues (in, pipeline, out, retry, bounces, virgin, quarantine) and replay quarantined entries.");
        command.Subcommands.Add(QueueListCommand.Create());
        command.Subcommands.Add(QueueShowCommand.Create());
        command.Subcommands.Add(QueueReplayCommand.Create());
        return command;
    }
}
