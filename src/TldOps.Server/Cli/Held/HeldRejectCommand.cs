using System.CommandLine;
using TldOps.Core.Lists.Held;

namespace TldOps.Server.Cli.Held;

/// <summary><c>tldops held reject ID… --reason TEXT</c> (or <c>--discard</c>): refuse held posts.</summary>
internal static class HeldRejectCommand
{
    public static Command Create()
    {
        var ids = new Argument<long[]>("ID") { Description = "Post ids to reject.", Arity = ArgumentArity.OneOrMore };
        var reason = new Option<string?>("--reason") { Description = "Why, in words the sender will read.", HelpName = "TEXT" };
        var discard = new Option<bool>("--discard") { Description = "Drop silently instead (spam): the sender is not told." };
        var command = new Command("reject", "Reject held posts: the sender is told the reason (or, with --discard, nothing).");
        command.Arguments.Add(ids);
        command.Options.Add(reason);
        command.Options.Add(discard);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var text = parseResult.GetValue(reason);
            var silently = parseResult.GetValue(discard);
            if (silently == !string.IsNullOrWhiteSpace(text))
            {
                parseResult.InvocationConfiguration.Error.WriteLine("Give either --reason TEXT (the sender is told) or --discard.");
                return ExitCodes.Usage;
            }

            await using var runtime = await CliRuntime.StartAsync(parseResult, cancellationToken);
            var service = runtime.Get<HeldMessageService>();
            var failures = 0;
            foreach (var id in parseResult.GetValue(ids) ?? [])
            {
                var result = silently
                    ? await service.DiscardAsync(id, HeldCommand.Actor, HeldCommand.Authority, cancellationToken)
                    : await service.RejectAsync(id, HeldCommand.Actor, text!, HeldCommand.Authority, cancellationToken);
                if (result.TryGetValue(out _, out var problem))
                {
                    runtime.Output.WriteLine(silently ? $"#{id}: discarded" : $"#{id}: rejected; the sender is told why");
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
