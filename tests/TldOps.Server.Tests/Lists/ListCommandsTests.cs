using Microsoft.Extensions.DependencyInjection;
using TldOps.Core.Lists.Dkim;
using TldOps.Core.Lists.Held;
using TldOps.Core.Lists.Posts;
using TldOps.Mail.Mime;
using TldOps.Server.Tests.Support;
using TldOps.Testing;

namespace TldOps.Server.Tests.Lists;

/// <summary>
/// <c>tldops held</c>, <c>archive search</c> and <c>dkim show</c>, run in-process against the data
/// folder of a running serve host (SQLite lets the CLI and the server share it, as on a real machine).
/// </summary>
public sealed class ListCommandsTests
{
    [Fact]
    public async Task Held_list_show_and_approve_send_a_held_post_to_the_list_once()
    {
        await using var server = await ListServer.StartAsync();
        await server.AddMembersAsync("br:Ana Silva:ana@nic.example.br");
        await server.PostAsync("eve@elsewhere.example", "A word from outside");
        var held = server.Services.GetRequiredService<HeldMessageService>();
        await ListPoster.WaitUntilAsync(async () => (await held.ListAsync()).Count == 1, "the post is held");
        var id = (await held.ListAsync())[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var list = await CliRunner.RunAsync("held", "list", "--data", server.DataDirectory);
        var show = await CliRunner.RunAsync("held", "show", id, "--data", server.DataDirectory);
        var approve = await CliRunner.RunAsync("held", "approve", id, "--data", server.DataDirectory);
        await ListPoster.WaitUntilAsync(() => Task.FromResult(server.Sink.Messages.Any(m => m.Envelope.Recipients[0].Address == "ana@nic.example.br")), "the approved post reaches the member");
        var again = await CliRunner.RunAsync("held", "approve", id, "--data", server.DataDirectory);
        var none = await CliRunner.RunAsync("held", "list", "--data", server.DataDirectory);
        var all = await CliRunner.RunAsync("held", "list", "--all", "--data", server.DataDirectory);

        Assert.Equal(0, list.ExitCode);
        Assert.Contains($"#{id}", list.Output, StringComparison.Ordinal);
        Assert.Contains("eve@elsewhere.example  A word from outside", list.Output, StringComparison.Ordinal);
        Assert.Contains("held for: not-member", list.Output, StringComparison.Ordinal);
        Assert.Contains("HIT   not-member      eve@elsewhere.example is not a member of the list.", show.Output, StringComparison.Ordinal);
        Assert.Contains("miss  loop", show.Output, StringComparison.Ordinal);
        Assert.Contains("Hello all.", show.Output, StringComparison.Ordinal);
        Assert.Equal((0, $"#{id}: approved; it is on its way to the list"), (approve.ExitCode, approve.Output.Trim()));
        var copy = MimeMessage.Load(server.Sink.Messages.Single(m => m.Envelope.Recipients[0].Address == "ana@nic.example.br").Content);
        Assert.Equal("[TLD-OPS] A word from outside", copy.Subject);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already approved by operator", again.Error, StringComparison.Ordinal);
        Assert.Contains("No posts are waiting", none.Output, StringComparison.Ordinal);
        Assert.Contains("[approved by operator]", all.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Held_reject_tells_the_sender_and_discard_does_not()
    {
        await using var server = await ListServer.StartAsync();
        await server.PostAsync("eve@elsewhere.example", "First");
        await server.PostAsync("mallory@elsewhere.example", "Second");
        var held = server.Services.GetRequiredService<HeldMessageService>();
        await ListPoster.WaitUntilAsync(async () => (await held.ListAsync()).Count == 2, "both posts are held");
        // By sender, not by position: the incoming runner handles both posts at once, so either may get the lower id.
        var pending = await held.ListAsync();
        var ids = new[] { "eve@elsewhere.example", "mallory@elsewhere.example" }
            .Select(from => pending.Single(h => h.Post.FromAddress == from).Id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        await ListPoster.WaitUntilAsync(() => Task.FromResult(server.Sink.MessageCount == 2), "both senders got the held notice");

        var usage = await CliRunner.RunAsync("held", "reject", ids[0], "--data", server.DataDirectory);
        var rejected = await CliRunner.RunAsync("held", "reject", ids[0], "--reason", "Commercial offers are off topic here.", "--data", server.DataDirectory);
        var discarded = await CliRunner.RunAsync("held", "reject", ids[1], "--discard", "--data", server.DataDirectory);
        var missing = await CliRunner.RunAsync("held", "show", "999", "--data", server.DataDirectory);
        await ListPoster.WaitUntilAsync(() => Task.FromResult(server.Sink.MessageCount == 3), "the rejected sender is told");
        await Task.Delay(300);

        Assert.Equal(2, usage.ExitCode);
        Assert.Equal(0, rejected.ExitCode);
        Assert.Equal(0, discarded.ExitCode);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("No held post #999", missing.Error, StringComparison.Ordinal);
        var notice = MimeMessage.Load(server.Sink.Messages.Last().Content);
        Assert.Equal("eve@elsewhere.example", server.Sink.Messages.Last().Envelope.Recipients[0].Address);
        Assert.Contains("Commercial offers are off topic here.", notice.TextBody!.GetText(), StringComparison.Ordinal);
        Assert.Equal(3, server.Sink.MessageCount);
        var states = (await server.Services.GetRequiredService<PostStore>().ListAsync()).Select(p => p.State).Order();
        Assert.Equal([PostState.Discarded, PostState.Rejected], states);
    }

    [Fact]
    public async Task Archive_search_finds_distributed_posts_and_says_when_nothing_matches()
    {
        await using var server = await ListServer.StartAsync();
        await server.AddMembersAsync("br:Ana Silva:ana@nic.example.br");
        await server.PostAsync("ana@nic.example.br", "[ALERT] Query flood", "Random subdomain flood from a botnet.");
        await ListPoster.WaitUntilAsync(() => Task.FromResult(server.Sink.MessageCount == 1), "the post is distributed");

        var found = await CliRunner.RunAsync("archive", "search", "botnet", "flood", "--data", server.DataDirectory);
        var nothing = await CliRunner.RunAsync("archive", "search", "phishing", "--data", server.DataDirectory);

        Assert.Equal(0, found.ExitCode);
        Assert.Contains("[ALERT] Query flood", found.Output, StringComparison.Ordinal);
        Assert.Contains("[botnet]", found.Output, StringComparison.Ordinal);
        Assert.Contains("Nothing in the archive matches \"phishing\"", nothing.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dkim_show_prints_the_record_of_the_key_the_list_signs_with()
    {
        await using var server = await ListServer.StartAsync();
        var key = server.Services.GetRequiredService<ListDkimKey>();

        var shown = await CliRunner.RunAsync("dkim", "show", "--data", server.DataDirectory);

        Assert.Equal(0, shown.ExitCode);
        var record = shown.Output.Trim();
        Assert.StartsWith("tldops._domainkey.tld-ops.localhost. IN TXT ( \"v=DKIM1; k=rsa; p=", record, StringComparison.Ordinal);
        Assert.Equal(key.TxtRecord, string.Concat(record[(record.IndexOf('(', StringComparison.Ordinal) + 1)..record.LastIndexOf(')')].Split('"').Where((_, i) => i % 2 == 1)));
        Assert.Contains(key.KeyPath, shown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dkim_show_generates_the_key_on_first_use_readable_only_by_its_owner()
    {
        using var data = new TempDirectory();

        var first = await CliRunner.RunAsync("dkim", "show", "--data", data.Path);
        var second = await CliRunner.RunAsync("dkim", "show", "--data", data.Path);

        Assert.Equal(first.Output, second.Output);
        Assert.Contains("(generated now)", first.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("generated", second.Error, StringComparison.Ordinal);
        var path = Path.Combine(data.Path, "dkim", "tldops.private.pem");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }
}
