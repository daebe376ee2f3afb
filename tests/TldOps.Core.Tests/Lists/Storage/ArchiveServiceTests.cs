using TldOps.Core.Lists.Posts;
using TldOps.Core.Storage;
using TldOps.Core.Tests.Lists.Support;
using TldOps.Mail.Mime;
using TldOps.Testing;

namespace TldOps.Core.Tests.Lists.Storage;

public sealed class ArchiveServiceTests
{
    [Theory, SqliteData, PostgresData]
    public async Task Replies_join_their_thread_and_searching_finds_every_word_anywhere(SqlDialect dialect)
    {
        await using var fixture = await ListFixture.CreateAsync(dialect);
        var first = await ArchiveAsync(fixture, 1, "[ALERT] Query flood against anycast nodes", "Ana Silva <ana@nic.example.br>",
            "<a1@nic.example.br>", null, "Random subdomain attack, 2 Mqps from a botnet.");
        var reply = await ArchiveAsync(fixture, 2, "Re: [TLD-OPS] [ALERT] Query flood against anycast nodes", "Jean Martin <jean@nic.example.fr>",
            "<a2@nic.example.fr>", "<a1@nic.example.br>", "Same here: the botnet also hits our resolvers.");
        var other = await ArchiveAsync(fixture, 3, "[QUERY] Phishing kit contacts", "Bo <bo@nic.example.de>", "<a3@nic.example.de>", null,
            "Who handles takedowns of phishing kits?");

        var threads = await fixture.Archive.ThreadsAsync();
        Assert.Equal(2, threads.Count);
        var view = await fixture.Archive.ThreadAsync((await fixture.Archive.MessageAsync(first))!.ThreadId);
        Assert.Equal([first, reply], view!.Messages.Select(m => m.Id));
        Assert.Equal("[ALERT] Query flood against anycast nodes", view.Thread.Subject);
        Assert.Equal(2, view.Thread.MessageCount);

        var botnet = await fixture.Archive.SearchAsync("BOTNET");
        Assert.Equal([first, reply], botnet.Select(h => h.Message.Id).Order());
        Assert.Contains("[", Assert.Single(await fixture.Archive.SearchAsync("resolvers botnet")).Snippet, StringComparison.Ordinal);
        Assert.Equal(other, Assert.Single(await fixture.Archive.SearchAsync("phishing takedowns")).Message.Id);
        Assert.Equal(reply, Assert.Single(await fixture.Archive.SearchAsync("jean")).Message.Id);
        Assert.Empty(await fixture.Archive.SearchAsync("botnet takedowns"));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Query_syntax_is_never_interpreted_and_archiving_twice_returns_the_first_entry(SqlDialect dialect)
    {
        await using var fixture = await ListFixture.CreateAsync(dialect);
        var id = await ArchiveAsync(fixture, 1, "Quotes \"and\" stars", "Ana <ana@nic.example.br>", "<q@x>", null, "NEAR(a b) AND OR NOT * ^ -x");

        Assert.Empty(await fixture.Archive.SearchAsync("\" OR 1=1 --"));
        Assert.Single(await fixture.Archive.SearchAsync("near AND"));
        Assert.Empty(await fixture.Archive.SearchAsync("   ***   "));
        var post = (await fixture.Posts.GetAsync(1))!;
        Assert.Equal(id, await fixture.Archive.ArchiveAsync(post, MimeMessage.Load(Posts.Raw()), PostClassification.Empty, "br"));
        Assert.Equal(System.Text.Encoding.UTF8.GetString(Posts.Raw()), System.Text.Encoding.UTF8.GetString((await fixture.Archive.RawAsync(id))!));
    }

    private static async Task<long> ArchiveAsync(ListFixture fixture, long inEntry, string subject, string from, string messageId, string? inReplyTo, string body)
    {
        var raw = System.Text.Encoding.UTF8.GetBytes(
            $"From: {from}\r\nTo: tld-ops@lists.example\r\nSubject: {subject}\r\nMessage-ID: {messageId}\r\n" +
            (inReplyTo is null ? string.Empty : $"In-Reply-To: {inReplyTo}\r\nReferences: {inReplyTo}\r\n") +
            $"Date: Sat, 21 Nov 2026 10:00:00 +0000\r\n\r\n{body}\r\n");
        var stored = await fixture.Messages.AddAsync(Posts.Raw());
        var post = await fixture.Db.Database.InTransactionAsync(async (c, t) =>
        {
            var p = new StoredPost
            {
                InEntryId = inEntry, MessageId = stored, Size = raw.Length, Decision = "accept", State = PostState.Queued,
                ReceivedAt = fixture.Clock.GetUtcNow(), DecidedAt = fixture.Clock.GetUtcNow(), Subject = subject,
            };
            return p with { Id = await fixture.Posts.InsertAsync(c, t, p) };
        });
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        return await fixture.Archive.ArchiveAsync(post, MimeMessage.Load(raw), PostClassifier.Classify(subject, null), "br");
    }
}
