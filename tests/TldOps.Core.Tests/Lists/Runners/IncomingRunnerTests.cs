using TldOps.Core.Lists;
using TldOps.Core.Lists.Posts;
using TldOps.Core.Lists.Requests;
using TldOps.Core.Storage;
using TldOps.Core.Storage.Queues;
using TldOps.Core.Tests.Lists.Support;
using TldOps.Testing;

namespace TldOps.Core.Tests.Lists.Runners;

public sealed class IncomingRunnerTests
{
    [Theory, SqliteData, PostgresData]
    public async Task A_members_post_is_accepted_recorded_with_its_trace_and_queued_for_the_pipeline(SqlDialect dialect)
    {
        await using var fixture = await ListFixture.CreateAsync(dialect);
        await fixture.AddMembersAsync("br:Ana Silva:ana@nic.example.br");
        var inEntry = await fixture.ReceiveAsync(Posts.Raw(subject: "[ALERT] [DDoS] flood"), "ana@nic.example.br", "tld-ops@lists.example");

        await fixture.Incoming.DrainAsync();

        var post = (await fixture.Posts.FindByInEntryAsync(inEntry))!;
        Assert.Equal(("accept", PostState.Queued, QueuePriority.Alert), (post.Decision, post.State, post.Priority));
        Assert.Equal(["ALERT", "DDoS"], post.TagList);
        Assert.Equal(8, post.TraceList.Count);
        var pipeline = Assert.Single(await fixture.EntriesAsync(QueueNames.Pipeline));
        Assert.Equal((QueuePriority.Alert, post.Id), (pipeline.Priority, PipelineEntry.PostIdOf(pipeline)));
        Assert.Empty(await fixture.EntriesAsync(QueueNames.Virgin));
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_non_members_post_is_held_the_sender_told_and_the_committee_too(SqlDialect dialect)
    {
        await using var fixture = await ListFixture.CreateAsync(dialect);
        await fixture.AddMembersAsync("fr:Chair:chair@nic.example.fr:fr:committee");
        await fixture.ReceiveAsync(Posts.Raw(from: "Eve <eve@elsewhere.example>"), "eve@elsewhere.example", "tld-ops@lists.example");

        await fixture.Incoming.DrainAsync();

        Assert.Equal("not-member", Assert.Single(Assert.Single(await fixture.Held.ListAsync()).Reasons).Rule);
        var notices = await fixture.EntriesAsync(QueueNames.Virgin);
        Assert.Equal([["eve@elsewhere.example"], ["chair@nic.example.fr"]], notices.Select(n => n.RecipientList));
        var toSender = await TextAsync(fixture, notices[0]);
        Assert.Contains("Auto-Submitted: auto-replied", toSender, StringComparison.Ordinal);
        Assert.Contains("In-Reply-To: <post-1@nic.example.br>", toSender, StringComparison.Ordinal);
        Assert.Contains("not that of an active member", toSender, StringComparison.Ordinal);
        Assert.Contains("HIT  not-member", await TextAsync(fixture, notices[1]), StringComparison.Ordinal);
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_looping_copy_is_dropped_without_telling_anyone(SqlDialect dialect)
    {
        await using var fixture = await ListFixture.CreateAsync(dialect);
        await fixture.AddMembersAsync("br:Ana Silva:ana@nic.example.br");
        var inEntry = await fixture.ReceiveAsync(Posts.Raw(extraHeaders: "List-Id: TLD-OPS <tld-ops.lists.example>\r\n"), "ana@nic.example.br", "tld-ops@lists.example");

        await fixture.Incoming.DrainAsync();

        Assert.Equal(PostState.Discarded, (await fixture.Posts.FindByInEntryAsync(inEntry))!.State);
        Assert.Empty(await fixture.EntriesAsync(QueueNames.Virgin));
        Assert.Empty(await fixture.EntriesAsync(QueueNames.Pipeline));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Tlp_red_is_held_and_its_author_told_in_their_language(SqlDialect dialect)
    {
        await using var fixture = await ListFixture.CreateAsync(dialect);
        await fixture.AddMembersAsync("fr:Jeanne:jeanne@nic.example.fr:fr");
        await fixture.ReceiveAsync(Posts.Raw(from: "Jeanne <jeanne@nic.example.fr>", subject: "Compromission TLP:RED"), "jeanne@nic.example.fr", "tld-ops@lists.example");

        await fixture.Incoming.DrainAsync();

        Assert.Equal("tlp-red", Assert.Single(Assert.Single(await fixture.Held.ListAsync()).Reasons).Rule);
        var notice = await TextAsync(fixture, Assert.Single(await fixture.EntriesAsync(QueueNames.Virgin)));
        Assert.Contains("Content-Language: fr", notice, StringComparison.Ordinal);
        Assert.Contains("TLP:RED", notice, StringComparison.Ordinal);
    }

    [Theory, SqliteData, PostgresData]
    public async Task An_automatic_message_is_held_without_an_answer(SqlDialect dialect)
    {
        await using var fixture = await ListFixture.CreateAsync(dialect);
        await fixture.ReceiveAsync(Posts.Raw(from: "Robot <robot@elsewhere.example>", extraHeaders: "Auto-Submitted: auto-replied\r\n"), null, "tld-ops@lists.example");

        await fixture.Incoming.DrainAsync();

        Assert.Single(await fixture.Held.ListAsync());
        Assert.Empty(await fixture.EntriesAsync(QueueNames.Virgin));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Processing_an_entry_again_after_a_crash_makes_no_second_post(SqlDialect dialect)
    {
        await using var fixture = await ListFixture.CreateAsync(dialect);
        await fixture.AddMembersAsync("br:Ana Silva:ana@nic.example.br");
        var inEntry = await fixture.ReceiveAsync(Posts.Raw(), "ana@nic.example.br", "tld-ops@lists.example");
        await fixture.Incoming.DrainAsync();
        // The node died after its own commit but before the entry was marked done: it is ready again.
        await fixture.Db.Database.InTransactionAsync((c, t) => Dapper.SqlMapper.ExecuteAsync(c,
            "UPDATE queue_entry SET state = 'ready', finished_at = NULL WHERE id = @inEntry", new { inEntry }, t));

        await fixture.Incoming.DrainAsync();

        Assert.Single(await fixture.Posts.ListAsync());
        Assert.Single(await fixture.EntriesAsync(QueueNames.Pipeline));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Request_mail_goes_to_the_handlers_in_turn_and_unclaimed_mail_gets_help(SqlDialect dialect)
    {
        var claims = new RecordingHandler(claim: m => m.Message.Subject == "join");
        await using var fixture = await ListFixture.CreateAsync(dialect, requestHandlers: [new RecordingHandler(_ => false), claims]);
        await fixture.ReceiveAsync(Posts.Raw(from: "New <new@nic.example.ao>", subject: "join"), "new@nic.example.ao", "tld-ops-request@lists.example");
        await fixture.ReceiveAsync(Posts.Raw(from: "New <new@nic.example.ao>", subject: "what is this?"), "new@nic.example.ao", "tld-ops-request@lists.example");

        await fixture.Incoming.DrainAsync();

        Assert.Equal(2, claims.Seen.Count);
        Assert.Equal(["tld-ops-request@lists.example"], claims.Seen[0].EnvelopeRecipients);
        Assert.Equal("new@nic.example.ao", claims.Seen[0].EnvelopeSender);
        Assert.Null(claims.Seen[0].AuthenticatedDomain);
        var help = Assert.Single(await fixture.EntriesAsync(QueueNames.Virgin));
        Assert.Contains("how to use the list", await TextAsync(fixture, help), StringComparison.Ordinal);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Owner_mail_reaches_the_committee_attached_whole(SqlDialect dialect)
    {
        await using var fixture = await ListFixture.CreateAsync(dialect);
        await fixture.AddMembersAsync("fr:Chair:chair@nic.example.fr:en:committee");
        await fixture.ReceiveAsync(Posts.Raw(from: "Someone <someone@elsewhere.example>", subject: "A question for the committee"), "someone@elsewhere.example", "postmaster@lists.example");

        await fixture.Incoming.DrainAsync();

        var forward = Assert.Single(await fixture.EntriesAsync(QueueNames.Virgin));
        Assert.Equal(["chair@nic.example.fr"], forward.RecipientList);
        var text = await TextAsync(fixture, forward);
        Assert.Contains("Content-Type: message/rfc822", text, StringComparison.Ordinal);
        Assert.Contains("Subject: A question for the committee", text, StringComparison.Ordinal);
        Assert.Empty(await fixture.Posts.ListAsync());
    }

    [Theory, SqliteData, PostgresData]
    public async Task Held_notices_and_owner_mail_reach_the_committee_and_the_secretariat_but_not_liaisons_or_members(SqlDialect dialect)
    {
        // Regression: only the committee role was asked, so the secretariat, who process requests, never heard of a held post.
        await using var fixture = await ListFixture.CreateAsync(dialect);
        await fixture.AddMembersAsync(
            "fr:Chair:chair@nic.example.fr:fr:committee", ":Staff:staff@secretariat.example:en:secretariat",
            ":Liaison:liaison@ssac.example:en:liaison", "br:Ana Silva:ana@nic.example.br");
        await fixture.ReceiveAsync(Posts.Raw(from: "Eve <eve@elsewhere.example>"), "eve@elsewhere.example", "tld-ops@lists.example");
        await fixture.ReceiveAsync(Posts.Raw(from: "Someone <someone@elsewhere.example>", subject: "For the owners"), "someone@elsewhere.example", "tld-ops-owner@lists.example");

        await fixture.Incoming.DrainAsync();

        var staff = (await fixture.EntriesAsync(QueueNames.Virgin)).Where(n => !n.RecipientList.Contains("eve@elsewhere.example")).ToList();
        // One notice per language group for the held post, and the same for the owner mail.
        Assert.Equal(4, staff.Count);
        Assert.Equal(["chair@nic.example.fr", "staff@secretariat.example"], staff.SelectMany(n => n.RecipientList).Distinct().Order(StringComparer.Ordinal));
    }

    private static async Task<string> TextAsync(ListFixture fixture, QueueEntry entry) =>
        System.Text.Encoding.UTF8.GetString((await fixture.Messages.GetAsync(entry.MessageId!.Value))!);

    private sealed class RecordingHandler(Func<RequestMail, bool> claim) : IRequestMailHandler
    {
        public List<RequestMail> Seen { get; } = [];

        public Task<RequestMailOutcome> HandleAsync(RequestMail mail, CancellationToken cancellationToken = default)
        {
            Seen.Add(mail);
            return Task.FromResult(claim(mail) ? RequestMailOutcome.Handled : RequestMailOutcome.NotMine);
        }
    }
}
