using Dapper;
using TldOps.Core.Lists.Bounces;
using TldOps.Core.Lists.Delivery;
using TldOps.Core.Membership;
using TldOps.Core.Storage;
using TldOps.Core.Storage.Queues;
using TldOps.Core.Tests.Lists.Support;
using TldOps.Testing;

namespace TldOps.Core.Tests.Lists.Storage;

public sealed class FanOutWriterTests
{
    [Theory, SqliteData, PostgresData]
    public async Task One_out_entry_per_active_enabled_address_with_its_verp_return_path(SqlDialect dialect)
    {
        await using var fixture = await ListFixture.CreateAsync(dialect);
        var people = await fixture.AddMembersAsync(
            "br:Ana:ana@nic.example.br", "fr:Jeanne:jeanne@nic.example.fr:fr", "de:Bernd:bernd@nic.example.de",
            "pt:Ana again:ANA@nic.example.br", "ca:Gone:gone@nic.example.ca");
        await fixture.Members.SetStatusAsync(people[4].PublicId, MemberStatus.Suspended);
        await fixture.Db.Database.InTransactionAsync((c, t) => c.ExecuteAsync(
            "INSERT INTO list_member_delivery (member_id, bounce_score, disabled, updated_at) VALUES (@id, 5, @yes, @now)",
            new { id = people[2].Id, yes = true, now = fixture.Clock.GetUtcNow() }, t));
        var post = await QueuedPostAsync(fixture);

        var start = await fixture.Db.Database.InTransactionAsync((c, t) => fixture.FanOut.BeginAsync(c, t, post.Id, post.MessageId, QueuePriority.Alert, null, null));

        // No head start by default: the pipeline leaves a cursor and the delivery runner's lease writes the copies.
        Assert.Equal(new FanOutStart(0, Continues: true), start);
        Assert.Empty(await fixture.EntriesAsync(QueueNames.Out));
        var leased = await fixture.Queues.LeaseAsync("test-node/OutgoingRunner", [QueueNames.Out], 10, TimeSpan.FromMinutes(1));
        var entries = await fixture.EntriesAsync(QueueNames.Out);
        Assert.Equal(entries.Select(e => e.Id), leased.Select(e => e.Id));
        Assert.Equal(["ana@nic.example.br", "jeanne@nic.example.fr"], entries.Select(e => e.Recipient));
        Assert.Equal($"tld-ops-bounces+{people[0].PublicId}@lists.example", entries[0].Sender);
        Assert.Equal($"tld-ops-bounces+{people[1].PublicId}@lists.example", entries[1].Sender);
        Assert.All(entries, e => Assert.Equal((QueuePriority.Alert, post.MessageId, $"post:{post.Id}"), (e.Priority, e.MessageId!.Value, e.Correlation!)));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Languages_select_or_leave_out_members_of_a_head_start(SqlDialect dialect)
    {
        var options = Posts.Options();
        options.Delivery.FanOutHeadStart = 500;
        await using var fixture = await ListFixture.CreateAsync(dialect, options);
        await fixture.AddMembersAsync("br:Ana:ana@nic.example.br", "fr:Jeanne:jeanne@nic.example.fr:fr", "ru:Ivan:ivan@nic.example.ru:ru");
        var post = await QueuedPostAsync(fixture);

        var french = await fixture.Db.Database.InTransactionAsync((c, t) => fixture.FanOut.BeginAsync(c, t, post.Id, post.MessageId, QueuePriority.Normal, ["fr"], null));
        var others = await fixture.Db.Database.InTransactionAsync((c, t) => fixture.FanOut.BeginAsync(c, t, post.Id, post.MessageId, QueuePriority.Normal, null, ["fr"]));

        // Within the head start: every copy written at once, no cursor left for the delivery runners.
        Assert.Equal((new FanOutStart(1, false), new FanOutStart(2, false)), (french, others));
        Assert.Equal(3, (await fixture.EntriesAsync(QueueNames.Out)).Select(e => e.Recipient).Distinct().Count());
    }

    /// <summary>A post from Ana accepted by the chain, waiting for the pipeline.</summary>
    private static async Task<TldOps.Core.Lists.Posts.StoredPost> QueuedPostAsync(ListFixture fixture)
    {
        await fixture.ReceiveAsync(Posts.Raw(), "ana@nic.example.br", "tld-ops@lists.example");
        await fixture.Incoming.DrainAsync();
        return Assert.Single(await fixture.Posts.ListAsync());
    }
}
