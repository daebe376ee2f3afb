using TldOps.Core.Common;
using TldOps.Core.Lists.Held;
using TldOps.Core.Lists.Posts;
using TldOps.Core.Storage;
using TldOps.Core.Storage.Queues;
using TldOps.Core.Tests.Lists.Support;
using TldOps.Testing;

namespace TldOps.Core.Tests.Lists.Storage;

public sealed class HeldMessageServiceTests
{
    [Theory, SqliteData, PostgresData]
    public async Task Approving_sends_the_post_down_the_pipeline_and_is_audited(SqlDialect dialect)
    {
        await using var fixture = await ListFixture.CreateAsync(dialect);
        await fixture.ReceiveAsync(Posts.Raw(from: "Stranger <someone@elsewhere.example>"), "someone@elsewhere.example", "tld-ops@lists.example");
        await fixture.Incoming.DrainAsync();
        var held = Assert.Single(await fixture.Held.ListAsync());
        Assert.Equal("not-member", Assert.Single(held.Reasons).Rule);
        Assert.Equal(1, await fixture.Held.CountAsync());

        var result = await fixture.Held.ApproveAsync(held.Id, "member:chair", "cli");

        Assert.True(result.IsSuccess);
        Assert.Equal(PostState.Queued, (await fixture.Posts.GetAsync(held.Id))!.State);
        Assert.Equal(PipelineEntry.Correlation(held.Id), Assert.Single(await fixture.EntriesAsync(QueueNames.Pipeline)).Correlation);
        var audit = Assert.Single(await fixture.Audit.ListAsync(subject: $"post:{held.Id}"));
        Assert.Equal(("member:chair", "post-approved", "cli"), (audit.Actor, audit.Action, audit.Authority));
        Assert.IsType<Conflict>((await fixture.Held.ApproveAsync(held.Id, "member:chair", "cli")).Problem);
        Assert.Empty(await fixture.Held.ListAsync());
        Assert.Single(await fixture.Held.ListAsync(state: null));
        Assert.Equal(0, await fixture.Held.CountAsync());
        Assert.Equal(1, await fixture.Held.CountAsync(HeldState.Approved));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Rejecting_tells_the_sender_the_reason_and_a_reason_is_required(SqlDialect dialect)
    {
        await using var fixture = await ListFixture.CreateAsync(dialect);
        await fixture.ReceiveAsync(Posts.Raw(from: "Stranger <someone@elsewhere.example>"), "someone@elsewhere.example", "tld-ops@lists.example");
        await fixture.Incoming.DrainAsync();
        var id = Assert.Single(await fixture.Held.ListAsync()).Id;
        var noticesBefore = (await fixture.EntriesAsync(QueueNames.Virgin)).Count;

        Assert.IsType<Invalid>((await fixture.Held.RejectAsync(id, "operator", " ", "cli")).Problem);
        var result = await fixture.Held.RejectAsync(id, "operator", "Off topic for an incident list.", "cli");

        Assert.True(result.IsSuccess);
        Assert.Equal(PostState.Rejected, (await fixture.Posts.GetAsync(id))!.State);
        var notices = await fixture.EntriesAsync(QueueNames.Virgin);
        Assert.Equal(noticesBefore + 1, notices.Count);
        var text = System.Text.Encoding.UTF8.GetString((await fixture.Messages.GetAsync(notices[^1].MessageId!.Value))!);
        Assert.Contains("Off topic for an incident list.", text, StringComparison.Ordinal);
        Assert.Equal(["someone@elsewhere.example"], notices[^1].RecipientList);
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_tlp_red_post_can_be_rejected_or_discarded_but_never_approved_for_the_list(SqlDialect dialect)
    {
        await using var fixture = await ListFixture.CreateAsync(dialect);
        await fixture.AddMembersAsync("br:Ana Silva:ana@nic.example.br");
        await fixture.ReceiveAsync(Posts.Raw(subject: "TLP:RED registrar account takeover"), "ana@nic.example.br", "tld-ops@lists.example");
        await fixture.Incoming.DrainAsync();
        var held = Assert.Single(await fixture.Held.ListAsync());

        var approve = await fixture.Held.ApproveAsync(held.Id, "operator", "cli");
        var detail = await fixture.Held.GetAsync(held.Id);
        var discard = await fixture.Held.DiscardAsync(held.Id, "operator", "cli");

        Assert.Contains("TLP:RED", Assert.IsType<Conflict>(approve.Problem).Message, StringComparison.Ordinal);
        Assert.Contains("Hello all.", detail.Value.BodyText, StringComparison.Ordinal);
        Assert.Equal(8, detail.Value.Held.Trace.Count);
        Assert.True(discard.IsSuccess);
        Assert.Equal(PostState.Discarded, (await fixture.Posts.GetAsync(held.Id))!.State);
        Assert.Empty(await fixture.EntriesAsync(QueueNames.Pipeline));
        Assert.IsType<NotFound>((await fixture.Held.GetAsync(999)).Problem);
    }
}
