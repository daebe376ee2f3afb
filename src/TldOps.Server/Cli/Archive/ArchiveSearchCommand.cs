using System.CommandLine;
using System.Globalization;
using TldOps.Core.Lists.Archive;

namespace TldOps.Server.Cli.Archive;

/// <summary><c>tldops archive search TEXT… [--limit N]</c>: archived posts containing every word.</summary>
internal static class ArchiveSearchCommand
{
    public static Command Create()
    {
        var words = new Argument<string[]>("TEXT") { Description = "Words to find (all of them, in subject, author or text).", Arity = ArgumentArity.OneOrMore };
        var limit = new Option<int>("--limit") { Description = "At most this many results (1–200).", DefaultValueFactory = _ => 20, HelpName = "N" };
        var command = new Command("search", "Search the archive: best matches first, with the thread and an excerpt.");
        command.Arguments.Add(words);
        command.Options.Add(limit);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var text = string.Join(' ', parseResult.GetValue(words) ?? []);
            if (text.Length > ArchiveService.MaxQueryLength)
            {
                parseResult.InvocationConfiguration.Error.WriteLine($"The search text is longer than {ArchiveService.MaxQueryLength} characters.");
                return ExitCodes.Usage;
            }

            await using var runtime = await CliRuntime.StartAsync(parseResult, cancellationToken);
            var hits = await runtime.Get<ArchiveService>().SearchAsync(text, Math.Clamp(parseResult.GetValue(limit), 1, 200), cancellationToken);
            if (hits.Count == 0)
            {
                runtime.Output.WriteLine($"Nothing in the archive matches \"{text}\".");
                return ExitCodes.Success;
            }

            foreach (var hit in hits)
            {
                var m = hit.Message;
                runtime.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"#{m.Id}  {(m.SentAt ?? m.ArchivedAt).UtcDateTime:yyyy-MM-dd}  thread {m.ThreadId}  {m.AuthorName ?? m.AuthorEmail}  {m.Subject}"));
                runtime.Output.WriteLine("      " + hit.Snippet.ReplaceLineEndings(" ").Trim());
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
