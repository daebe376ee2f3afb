using System.CommandLine;
using TldOps.Core.Lists.Held;

namespace TldOps.Server.Cli.Held;

/// <summary><c>tldops held approve ID…</c>: send held posts to the list.</summary>
internal static class HeldApproveCommand
{
    public static Command Create()
    {
        var ids = new Argument<long[]>("ID") { Description = "Post ids to approve.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("approve", "Approve held posts: they go through the pipeline and out to every member (TLP:RED never does).");
        command.Arguments.Add(ids);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var runtime = await CliRuntime.StartAsync(parseResult, cancellationToken);
            var service = runtime.Get<HeldMessageService>();
            var failures = 0;
            foreach (var id in parseResult.GetValue(ids) ?? [])
            {
                var result = await service.ApproveAsync(id, HeldCommand.Actor, HeldCommand.Authority, cancellationToken);
                if (result.TryGetValue(out _, out var problem))
                {
                    runtime.Output.WriteLine($"#{id}: approved; it is on its way to the list");
                }
                else
                {
                    failures++;
                    runtime.Error.WriteLine($"#{id}: {problem.Message}");
                }
            }

            return failures == 0 ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }
}
