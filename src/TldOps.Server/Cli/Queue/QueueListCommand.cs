using System.CommandLine;
using System.Globalization;
using TldOps.Core.Lists.Delivery;
using TldOps.Core.Storage.Queues;

namespace TldOps.Server.Cli.Queue;

/// <summary><c>tldops queue list [--queue Q] [--state S] [--limit N]</c>: counts per queue and state and the fan-outs under way, or entries.</summary>
internal static class QueueListCommand
{
    public static Command Create()
    {
        var queue = new Option<string?>("--queue") { Description = "Only this queue: " + string.Join(", ", QueueNames.All) + ". Without it, counts per queue and state, and the fan-outs under way." };
        queue.AcceptOnlyFromAmong([.. QueueNames.All]);
        var state = new Option<QueueEntryState?>("--state") { Description = "Only entries in this state (Ready, Done, Failed)." };
        var limit = new Option<int>("--limit") { Description = "At most this many entries, newest first (1-10000).", DefaultValueFactory = _ => 50 };
        limit.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 10_000)
            {
                r.AddError("--limit must be between 1 and 10000.");
            }
        });

        var command = new Command("list", "Counts per queue, or the entries of one queue.");
        command.Options.Add(queue);
        command.Options.Add(state);
        command.Options.Add(limit);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var runtime = await CliRuntime.StartAsync(parseResult, cancellationToken);
            var store = runtime.Get<QueueStore>();
            var which = parseResult.GetValue(queue);
            if (which is null && parseResult.GetValue(state) is null)
            {
                var counts = await store.CountsAsync(cancellationToken);
                runtime.Output.WriteLine($"{"queue",-12} {"ready",8} {"done",8} {"failed",8}");
                foreach (var name in QueueNames.All)
                {
                    long Count(string s) => counts.Where(c => c.Queue == name && c.State == s).Sum(c => c.Count);
                    runtime.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-12} {Count("ready"),8} {Count("done"),8} {Count("failed"),8}"));
                }

                // Copies of a fan-out under way become out entries as the delivery runners take them.
                foreach (var pending in await runtime.Get<FanOutWriter>().PendingAsync(cancellationToken))
                {
                    runtime.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"fan-out of post #{pending.PostId} (priority {pending.Priority}): about {pending.Remaining} more copies to queue"));
                }

                return ExitCodes.Success;
            }

            var entries = await store.ListAsync(which, parseResult.GetValue(state), parseResult.GetValue(limit), cancellationToken: cancellationToken);
            runtime.Output.WriteLine($"{"id",10} {"queue",-10} {"state",-6} {"prio",4} {"tries",5} {"created (UTC)",-19} {"recipient / error"}");
            foreach (var e in entries)
            {
                var detail = e.LastError is { } error ? FirstLine(error) : e.Recipient ?? string.Join(", ", e.RecipientList);
                runtime.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{e.Id,10} {e.Queue,-10} {e.State,-6} {e.Priority,4} {e.Attempts,5} {e.CreatedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} {detail}"));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', 2)[0].TrimEnd('\r');
        return line.Length > 100 ? line[..100] + "…" : line;
    }
}
