using System.CommandLine;
using System.Globalization;
using TldOps.Core.Lists.Held;

namespace TldOps.Server.Cli.Held;

/// <summary><c>tldops held list [--all]</c>: the posts waiting for the committee.</summary>
internal static class HeldListCommand
{
    public static Command Create()
    {
        var all = new Option<bool>("--all") { Description = "Also list posts already approved, rejected or discarded." };
        var command = new Command("list", "List held posts (pending ones unless --all): id, when, from, subject and why.");
        command.Options.Add(all);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var runtime = await CliRuntime.StartAsync(parseResult, cancellationToken);
            var held = await runtime.Get<HeldMessageService>().ListAsync(parseResult.GetValue(all) ? null : HeldState.Pending, 1000, cancellationToken);
            if (held.Count == 0)
            {
                runtime.Output.WriteLine(parseResult.GetValue(all) ? "No held posts." : "No posts are waiting for the committee.");
                return ExitCodes.Success;
            }

            foreach (var h in held)
            {
                var state = h.State == HeldState.Pending ? string.Empty : $" [{h.State} by {h.DecidedBy}]";
                runtime.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"#{h.Id}  {h.HeldAt.UtcDateTime:yyyy-MM-dd HH:mm}  {h.Post.FromAddress ?? h.Post.EnvelopeSender ?? "<>"}  {h.Post.Subject ?? "(no subject)"}{state}"));
                runtime.Output.WriteLine($"      held for: {string.Join(", ", h.Reasons.Select(r => r.Rule))}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
