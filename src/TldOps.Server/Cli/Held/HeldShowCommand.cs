using System.CommandLine;
using System.Globalization;
using TldOps.Core.Lists.Held;

namespace TldOps.Server.Cli.Held;

/// <summary><c>tldops held show ID</c>: one held post with every rule's verdict and the text.</summary>
internal static class HeldShowCommand
{
    // Enough to judge a post; the whole message is in `tldops queue show --raw` of its in entry.
    private const int MaxTextShown = 8000;

    public static Command Create()
    {
        var id = new Argument<long>("ID") { Description = "The post id (from `tldops held list`)." };
        var command = new Command("show", "Show a held post: envelope, the posting chain's trace (every rule, hit or miss, and why) and the text.");
        command.Arguments.Add(id);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var runtime = await CliRuntime.StartAsync(parseResult, cancellationToken);
            var result = await runtime.Get<HeldMessageService>().GetAsync(parseResult.GetValue(id), cancellationToken);
            if (!result.TryGetValue(out var detail, out var problem))
            {
                runtime.Error.WriteLine(problem.Message);
                return ExitCodes.Failure;
            }

            var o = runtime.Output;
            var post = detail.Held.Post;
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"post        #{post.Id} ({detail.Held.State}{(detail.Held.DecidedBy is null ? string.Empty : $" by {detail.Held.DecidedBy}")})"));
            o.WriteLine($"received    {post.ReceivedAt.UtcDateTime:u}");
            o.WriteLine($"from        {(post.FromName is { Length: > 0 } name ? $"{name} <{post.FromAddress}>" : post.FromAddress ?? "-")}");
            o.WriteLine($"envelope    {post.EnvelopeSender ?? "<>"}");
            o.WriteLine($"subject     {post.Subject ?? "(no subject)"}");
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"size        {post.Size:N0} octets"));
            o.WriteLine($"TLP         {post.Tlp ?? "-"}; tags {string.Join(' ', post.TagList.DefaultIfEmpty("-"))}");
            o.WriteLine($"DKIM        {post.AuthenticatedDomain ?? "no aligned signature"}");
            if (detail.Held.Note is { } note)
            {
                o.WriteLine($"note        {note}");
            }

            o.WriteLine("trace");
            foreach (var check in detail.Held.Trace)
            {
                o.WriteLine($"  {(check.Hit ? "HIT " : "miss")}  {check.Rule,-15} {check.Reason}");
            }

            o.WriteLine("text");
            var text = detail.BodyText.Length > MaxTextShown ? detail.BodyText[..MaxTextShown] + "\n[…]" : detail.BodyText;
            o.WriteLine("  " + text.ReplaceLineEndings("\n  ").TrimEnd());
            return ExitCodes.Success;
        });
        return command;
    }
}
