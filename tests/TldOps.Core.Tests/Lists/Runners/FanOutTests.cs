using Dapper;
using TldOps.Core.Lists;
using TldOps.Core.Lists.Posts;
using TldOps.Core.Membership;
using TldOps.Core.Storage;
using TldOps.Core.Storage.Queues;
using TldOps.Core.Tests.Lists.Support;
using TldOps.Testing;

namespace TldOps.Core.Tests.Lists.Runners;

/// <summary>
/// A post's fan-out: a head start in the pipeline's transaction, then the delivery runners'
/// leases write the other copies behind a durable cursor, already leased to themselves; each
/// address once across the pieces, cursors by priority, and a fan-out left by a dead node is
/// finished by the next lease.
/// </summary>
public sealed class FanOutTests
{
    // Ana posts. Ana's address again under pt (same person, two ccTLDs), a suspended member and
    // one whose delivery is disabled fall between pieces; Jeanne and Luc read French.
    private static readonly string[] People =
    [
        "br:Ana:ana@nic.example.br", "de:Bernd:bernd@nic.example.de", "fr:Jeanne:jeanne@nic.example.fr:fr",
        "pt:Ana again:ANA@nic.example.br", "nl:Gone:gone@nic.example.nl", "es:Off:off@nic.example.es",
        "it:Carla:carla@nic.example.it", "be:Luc:luc@nic.example.be:fr", "at:Dora:dora@nic.example.at",
        "ch:Emil:emil@nic.example.ch", "dk:Frida:frida@nic.example.dk",
    ];

    private static readonly string[] Expected =
    [
        "ana@nic.example.br", "bernd@nic.example.de", "carla@nic.example.it", "dora@nic.example.at",
        "emil@nic.example.ch", "frida@nic.example.dk", "jeanne@nic.example.fr", "luc@nic.example.be",
    ];

    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    [Theory, SqliteData, PostgresData]
    public async Task The_delivery_runner_writes_what_the_head_start_left_and_each_address_gets_one_copy(SqlDialect dialect)
    {
        await using var fixture = await CreateAsync(dialect, headStart: 2, leaseBatch: 3, frenchFooter: true);
        await fixture.ReceiveAsync(Posts.Raw(subject: "[ALERT] flood"), "ana@nic.example.br", "tld-ops@lists.example");
        await fixture.Incoming.DrainAsync();
        Assert.Equal(1, await fixture.Pipeline.DrainAsync());

        // The pipeline wrote two recipients of each prepared copy (English and French) and left two cursors.
        var head = await fixture.EntriesAsync(QueueNames.Out);
        Assert.Equal(["ana@nic.example.br", "bernd@nic.example.de", "jeanne@nic.example.fr", "luc@nic.example.be"], head.Select(e => e.Recipient!).Order(StringComparer.Ordinal));
        Assert.Equal(2, await CursorsAsync(fixture));
        var post = Assert.Single(await fixture.Posts.ListAsync());
        Assert.Equal(4, post.Copies);
        var reply = Assert.Single(await fixture.EntriesAsync(QueueNames.Pipeline)).Reply;
        Assert.Equal($"post #{post.Id}: 4 copies queued, the others as the delivery runners take them", reply);

        // Three at a time, the outgoing runner sends the head start, then writes and sends the rest.
        Assert.Equal(Expected.Length, await fixture.Outgoing.DrainAsync());

        var entries = await fixture.EntriesAsync(QueueNames.Out);
        Assert.Equal(Expected, entries.Select(e => e.Recipient!).Order(StringComparer.Ordinal));
        Assert.All(entries, e => Assert.Equal(("done", 1), (e.State, e.Attempts)));
        Assert.All(entries, e => Assert.Equal($"post:{post.Id}", e.Correlation));
        // The French readers get the French copy, the others the English one.
        Assert.Equal(
            ["jeanne@nic.example.fr", "luc@nic.example.be"],
            entries.GroupBy(e => e.MessageId).Single(g => g.Count() == 2).Select(e => e.Recipient!).Order(StringComparer.Ordinal));
        Assert.Equal((PostState.Distributed, Expected.Length), ((await fixture.Posts.GetAsync(post.Id))!.State, (await fixture.Posts.GetAsync(post.Id))!.Copies));
        Assert.Equal(0, await CursorsAsync(fixture));
        Assert.Empty(await fixture.FanOut.PendingAsync());
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_lease_writes_the_next_copies_already_leased_to_itself_and_moves_the_cursor(SqlDialect dialect)
    {
        await using var fixture = await CreateAsync(dialect, headStart: 0, leaseBatch: 3);
        var post = await DistributeHeadStartAsync(fixture, QueuePriority.Normal);
        Assert.Empty(await fixture.EntriesAsync(QueueNames.Out));
        Assert.Equal([new Core.Lists.Delivery.PendingFanOut(post.Id, QueuePriority.Normal, 9)], await fixture.FanOut.PendingAsync());

        var first = await fixture.Queues.LeaseAsync("node-a/OutgoingRunner", [QueueNames.Out], 3, Lease);
        var second = await fixture.Queues.LeaseAsync("node-b/OutgoingRunner", [QueueNames.Out], 3, Lease);

        Assert.Equal(["ana@nic.example.br", "bernd@nic.example.de", "jeanne@nic.example.fr"], first.Select(e => e.Recipient));
        // Ana's second entry is no second copy; the suspended member and the disabled one are left out.
        Assert.Equal(["carla@nic.example.it", "luc@nic.example.be", "dora@nic.example.at"], second.Select(e => e.Recipient));
        // What the lease hands over is what it stored.
        var stored = await fixture.EntriesAsync(QueueNames.Out);
        Assert.Equal(6, stored.Count);
        foreach (var entry in first.Concat(second))
        {
            var row = Assert.Single(stored, s => s.Id == entry.Id);
            Assert.Equal(
                (row.Queue, row.Priority, row.MessageId, row.Sender, row.Recipient, row.Correlation, row.State, row.Attempts, row.LeaseOwner, row.LeaseUntil, row.CreatedAt),
                (entry.Queue, entry.Priority, entry.MessageId, entry.Sender, entry.Recipient, entry.Correlation, entry.State, entry.Attempts, entry.LeaseOwner, entry.LeaseUntil, entry.CreatedAt));
            Assert.Matches(@"^tld-ops-bounces\+[a-z0-9]+@lists\.example$", entry.Sender);
        }

        Assert.All(first, e => Assert.Equal("node-a/OutgoingRunner", e.LeaseOwner));
        Assert.Equal(6, (await fixture.Posts.GetAsync(post.Id))!.Copies);
        Assert.Equal(2, Assert.Single(await fixture.FanOut.PendingAsync()).Remaining);

        // The last piece is short and ends the fan-out; nothing is left to write after it.
        var last = await fixture.Queues.LeaseAsync("node-a/OutgoingRunner", [QueueNames.Out], 3, Lease);
        Assert.Equal(["emil@nic.example.ch", "frida@nic.example.dk"], last.Select(e => e.Recipient));
        Assert.Equal(0, await CursorsAsync(fixture));
        Assert.Empty(await fixture.Queues.LeaseAsync("node-a/OutgoingRunner", [QueueNames.Out], 3, Lease));
        Assert.Equal(Expected.Length, (await fixture.Posts.GetAsync(post.Id))!.Copies);
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_fan_out_left_by_a_dead_node_is_finished_by_another_and_each_copy_is_sent_once_more_at_most(SqlDialect dialect)
    {
        await using var fixture = await CreateAsync(dialect, headStart: 2, leaseBatch: 3);
        var post = await DistributeHeadStartAsync(fixture, QueuePriority.Normal);

        // Node A takes the head start and the next piece, then dies without recording anything.
        var taken = await fixture.Queues.LeaseAsync("node-a/OutgoingRunner", [QueueNames.Out], 5, Lease);
        Assert.Equal(["ana@nic.example.br", "bernd@nic.example.de", "jeanne@nic.example.fr", "carla@nic.example.it", "luc@nic.example.be"], taken.Select(e => e.Recipient));

        // This node's runner writes and sends what is left at once; A's copies once their leases expire.
        Assert.Equal(3, await fixture.Outgoing.DrainAsync());
        fixture.Clock.Advance(Lease + TimeSpan.FromSeconds(1));
        Assert.Equal(5, await fixture.Outgoing.DrainAsync());

        var entries = await fixture.EntriesAsync(QueueNames.Out);
        Assert.Equal(Expected, entries.Select(e => e.Recipient!).Order(StringComparer.Ordinal));
        Assert.All(entries, e => Assert.Equal("done", e.State));
        Assert.Equal(Expected.Length, (await fixture.Posts.GetAsync(post.Id))!.Copies);
        Assert.Equal(0, await CursorsAsync(fixture));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Two_nodes_leasing_at_once_write_each_recipient_once(SqlDialect dialect)
    {
        await using var fixture = await CreateAsync(dialect, headStart: 1, leaseBatch: 1);
        await DistributeHeadStartAsync(fixture, QueuePriority.Normal);

        async Task<int> LeaseAllAsync(string owner)
        {
            var count = 0;
            for (var round = 0; round < 50; round++)
            {
                var leased = await fixture.Queues.LeaseAsync(owner, [QueueNames.Out], 1, Lease);
                if (leased.Count == 0 && await CursorsAsync(fixture) == 0)
                {
                    return count;
                }

                count += leased.Count;
            }

            throw new InvalidOperationException("The fan-out did not end within 50 leases.");
        }

        var leasedBy = await Task.WhenAll(Task.Run(() => LeaseAllAsync("node-a/OutgoingRunner")), Task.Run(() => LeaseAllAsync("node-b/OutgoingRunner")));

        var entries = await fixture.EntriesAsync(QueueNames.Out);
        Assert.Equal(Expected, entries.Select(e => e.Recipient!).Order(StringComparer.Ordinal));
        Assert.Equal(Expected.Length, leasedBy.Sum());
        Assert.All(entries, e => Assert.Equal(1, e.Attempts));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Cursors_go_by_priority_and_the_alert_lane_takes_only_its_own(SqlDialect dialect)
    {
        await using var fixture = await CreateAsync(dialect, headStart: 0, leaseBatch: 3);
        var bulk = await DistributeHeadStartAsync(fixture, QueuePriority.Bulk);
        var alert = await DistributeHeadStartAsync(fixture, QueuePriority.Alert);

        var alertLane = await fixture.Queues.LeaseAsync("node-a/AlertOutgoingRunner", [QueueNames.Out], 5, Lease, maxPriority: QueuePriority.Alert);
        var any = await fixture.Queues.LeaseAsync("node-a/OutgoingRunner", [QueueNames.Out], 5, Lease);

        Assert.Equal(5, alertLane.Count);
        Assert.All(alertLane, e => Assert.Equal((QueuePriority.Alert, $"post:{alert.Id}"), (e.Priority, e.Correlation)));
        // The general runner finishes the alert first (three left), then starts on the bulk mailing.
        Assert.Equal(
            [.. Enumerable.Repeat(PipelineEntry.Correlation(alert.Id), 3), .. Enumerable.Repeat(PipelineEntry.Correlation(bulk.Id), 2)],
            any.Select(e => e.Correlation!));
        Assert.Empty(await fixture.Queues.LeaseAsync("node-a/AlertOutgoingRunner", [QueueNames.Out], 5, Lease, maxPriority: QueuePriority.Alert));
        Assert.Equal([new Core.Lists.Delivery.PendingFanOut(bulk.Id, QueuePriority.Bulk, 7)], await fixture.FanOut.PendingAsync());
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1_000_001)]
    public void The_head_start_must_be_between_none_and_a_million(int headStart)
    {
        var options = Posts.Options();
        options.Delivery.FanOutHeadStart = headStart;

        var problem = Assert.Throws<InvalidOperationException>(() => options.Validate());

        Assert.Contains("FanOutHeadStart", problem.Message, StringComparison.Ordinal);
        options.Delivery.FanOutHeadStart = 0;
        options.Validate();
    }

    private static async Task<ListFixture> CreateAsync(SqlDialect dialect, int headStart, int leaseBatch, bool frenchFooter = false)
    {
        var options = Posts.Options();
        if (frenchFooter)
        {
            options.FooterTexts["fr"] = "Liste TLD-OPS : réservée aux membres.";
        }

        options.Delivery.FanOutHeadStart = headStart;
        options.Delivery.LeaseBatch = leaseBatch;
        var fixture = await ListFixture.CreateAsync(dialect, options);
        var people = await fixture.AddMembersAsync(People);
        await fixture.Members.SetStatusAsync(people[4].PublicId, MemberStatus.Suspended);
        await fixture.Db.Database.InTransactionAsync((c, t) => c.ExecuteAsync(
            "INSERT INTO list_member_delivery (member_id, bounce_score, disabled, updated_at) VALUES (@id, 5, @yes, @now)",
            new { id = people[5].Id, yes = true, now = fixture.Clock.GetUtcNow() }, t));
        return fixture;
    }

    /// <summary>
    /// A post accepted by the chain, then what the pipeline's transaction does with it in
    /// <paramref name="priority"/>'s lane (marked distributed, the head start written, the cursor
    /// left), without the pipeline's handlers: one English copy for everyone.
    /// </summary>
    private static async Task<StoredPost> DistributeHeadStartAsync(ListFixture fixture, int priority)
    {
        await fixture.ReceiveAsync(Posts.Raw(), "ana@nic.example.br", "tld-ops@lists.example");
        await fixture.Incoming.DrainAsync();
        var post = (await fixture.Posts.ListAsync()).Single(p => p.State == PostState.Queued);
        await fixture.Db.Database.InTransactionAsync(async (c, t) =>
        {
            Assert.True(await fixture.Posts.SetStateAsync(c, t, post.Id, PostState.Queued, PostState.Distributed));
            var start = await fixture.FanOut.BeginAsync(c, t, post.Id, post.MessageId, priority, null, null);
            await fixture.Posts.MarkDistributedAsync(c, t, post.Id, PostClassification.Empty, priority, start.Written, fixture.Clock.GetUtcNow());
        });
        return post;
    }

    private static async Task<int> CursorsAsync(ListFixture fixture)
    {
        await using var connection = await fixture.Db.Database.OpenAsync();
        return await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM list_fanout");
    }
}
