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
        var messageId = await fixture.Messages.AddAsync(Posts.Raw());

        var count = await fixture.Db.Database.InTransactionAsync((c, t) => fixture.FanOut.WriteAsync(c, t, messageId, QueuePriority.Alert, "post:9"));

        Assert.Equal(2, count);
        var entries = await fixture.EntriesAsync(QueueNames.Out);
        Assert.Equal(["ana@nic.example.br", "jeanne@nic.example.fr"], entries.Select(e => e.Recipient));
        Assert.Equal($"tld-ops-bounces+{people[0].PublicId}@lists.example", entries[0].Sender);
        Assert.Equal($"tld-ops-bounces+{people[1].PublicId}@lists.example", entries[1].Sender);
        Assert.All(entries, e => Assert.Equal((QueuePriority.Alert, messageId, "post:9"), (e.Priority, e.MessageId!.Value, e.Correlation!)));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Languages_select_or_leave_out_members(SqlDialect dialect)
    {
        await using var fixture = await ListFixture.CreateAsync(dialect);
        await fixture.AddMembersAsync("br:Ana:ana@nic.example.br", "fr:Jeanne:jeanne@nic.example.fr:fr", "ru:Ivan:ivan@nic.example.ru:ru");
        var messageId = await fixture.Messages.AddAsync(Posts.Raw());

        var french = await fixture.Db.Database.InTransactionAsync((c, t) => fixture.FanOut.WriteAsync(c, t, messageId, QueuePriority.Normal, "post:1", languages: ["fr"]));
        var others = await fixture.Db.Database.InTransactionAsync((c, t) => fixture.FanOut.WriteAsync(c, t, messageId, QueuePriority.Normal, "post:1", exceptLanguages: ["fr"]));

        Assert.Equal((1, 2), (french, others));
        Assert.Equal(3, (await fixture.EntriesAsync(QueueNames.Out)).Select(e => e.Recipient).Distinct().Count());
    }
}
