using System.CommandLine;
using TldOps.Core.Storage.Queues;

namespace TldOps.Server.Cli.Queue;

/// <summary><c>tldops queue replay ID…</c>: send quarantined or failed entries back to their queue.</summary>
internal static class QueueReplayCommand
{
    public static Command Create()
    {
        var ids = new Argument<long[]>("ID") { Description = "Entry ids to replay.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("replay", "Send quarantined (or failed) entries back to the queue they came from, as new.");
        command.Arguments.Add(ids);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var runtime = await CliRuntime.StartAsync(parseResult, cancellationToken);
            var store = runtime.Get<QueueStore>();
            var failures = 0;
            foreach (var id in parseResult.GetValue(ids) ?? [])
            {
                if (await store.ReplayAsync(id, cancellationToken))
                {
                    runtime.Output.WriteLine($"{id}: replayed");
                }
                else
                {
                    failures++;
                    runtime.Error.WriteLine($"{id}: not replayed (no such entry, or it is neither quarantined nor failed)");
                }
            }

            return failures == 0 ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }
}
