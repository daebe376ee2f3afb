using TldOps.Core.Lists.Bounces;
using TldOps.Core.Lists.Delivery;
using TldOps.Core.Storage;
using TldOps.Core.Storage.Queues;
using TldOps.Core.Tests.Lists.Support;
using TldOps.Testing;

namespace TldOps.Core.Tests.Lists.Storage;

public sealed class BounceProcessorTests
{
    [Theory, SqliteData, PostgresData]
    public async Task A_score_rises_once_a_day_and_delivery_is_disabled_at_the_threshold_with_a_committee_notice(SqlDialect dialect)
    {
        var options = Posts.Options();
        options.Bounces.Threshold = 2.5;
        await using var fixture = await ListFixture.CreateAsync(dialect, options);
        var people = await fixture.AddMembersAsync("br:Ana:ana@nic.example.br", "fr:Chair:chair@nic.example.fr:fr:committee");
        var token = VerpToken.ForMember(people[0].PublicId);

        var day1 = await fixture.Bounces.RegisterAsync(new BounceReport(token, BounceKind.Hard, "dsn", "5.1.1", "user unknown"));
        var day1Again = await fixture.Bounces.RegisterAsync(new BounceReport(token, BounceKind.Hard, "dsn", "5.1.1", "user unknown"));
        fixture.Clock.Advance(TimeSpan.FromDays(1));
        var day2 = await fixture.Bounces.RegisterAsync(new BounceReport(token, BounceKind.Soft, "smtp", "4.2.2", "mailbox full"));
        fixture.Clock.Advance(TimeSpan.FromDays(1));
        var day3 = await fixture.Bounces.RegisterAsync(new BounceReport(token, BounceKind.Hard, "dsn", "5.1.1", "user unknown"));

        Assert.Equal((true, 1.0, false), (day1.Counted, day1.Score, day1.DisabledNow));
        Assert.False(day1Again.Counted);
        Assert.Equal(1.5, day2.Score);
        Assert.Equal((true, 2.5, true), (day3.Counted, day3.Score, day3.DisabledNow));
        var health = (await fixture.Bounces.GetAsync(people[0].Id))!;
        Assert.True(health.Disabled);
        Assert.Contains("5.1.1", health.DisabledReason, StringComparison.Ordinal);
        var notice = Assert.Single(await fixture.EntriesAsync(QueueNames.Virgin));
        Assert.Equal(["chair@nic.example.fr"], notice.RecipientList);
        var text = System.Text.Encoding.UTF8.GetString((await fixture.Messages.GetAsync(notice.MessageId!.Value))!);
        Assert.Contains("ana@nic.example.br", text, StringComparison.Ordinal);
        Assert.Contains("Content-Language: fr", text, StringComparison.Ordinal);
        var unreachable = Assert.Single(await fixture.Health.ListUnreachableAsync());
        Assert.Equal((people[0].Id, true), (unreachable.MemberId, unreachable.DeliveryDisabled));
        var undeliverable = Assert.Single(await fixture.Health.ListUndeliverableAsync());
        Assert.Equal((people[0].Id, fixture.Clock.GetUtcNow().AddDays(-2)), (undeliverable.MemberId, undeliverable.Since));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Delays_and_policy_refusals_are_recorded_but_never_count(SqlDialect dialect)
    {
        await using var fixture = await ListFixture.CreateAsync(dialect);
        var people = await fixture.AddMembersAsync("br:Ana:ana@nic.example.br");
        var token = VerpToken.ForMember(people[0].PublicId);

        var delayed = await fixture.Bounces.RegisterAsync(new BounceReport(token, BounceKind.Delayed, "dsn", "4.4.1"));
        fixture.Clock.Advance(TimeSpan.FromDays(1));
        var policy = await fixture.Bounces.RegisterAsync(new BounceReport(token, BounceKind.Policy, "smtp", "5.7.1", "rejected by DMARC policy"));

        Assert.False(delayed.Counted);
        Assert.False(policy.Counted);
        Assert.Null(await fixture.Bounces.GetAsync(people[0].Id));
        Assert.Empty(await fixture.Health.ListUnreachableAsync());
        Assert.Empty(await fixture.Health.ListUndeliverableAsync());
        var recorded = await fixture.Db.Database.InTransactionAsync((c, t) => Dapper.SqlMapper.ExecuteScalarAsync<long>(c, "SELECT COUNT(*) FROM list_bounce", transaction: t));
        Assert.Equal(2, recorded);
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_stale_score_starts_again_and_enabling_clears_it(SqlDialect dialect)
    {
        await using var fixture = await ListFixture.CreateAsync(dialect);
        var people = await fixture.AddMembersAsync("br:Ana:ana@nic.example.br");
        var token = VerpToken.ForMember(people[0].PublicId);
        await fixture.Bounces.RegisterAsync(new BounceReport(token, BounceKind.Hard, "dsn"));
        fixture.Clock.Advance(TimeSpan.FromDays(1));
        await fixture.Bounces.RegisterAsync(new BounceReport(token, BounceKind.Hard, "dsn"));
        fixture.Clock.Advance(TimeSpan.FromDays(10));

        var after = await fixture.Bounces.RegisterAsync(new BounceReport(token, BounceKind.Soft, "dsn"));

        Assert.Equal(0.5, after.Score);
        Assert.True(await fixture.Bounces.EnableAsync(people[0].Id));
        Assert.Equal(0, (await fixture.Bounces.GetAsync(people[0].Id))!.BounceScore);
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_token_that_names_nobody_counts_for_nobody(SqlDialect dialect)
    {
        await using var fixture = await ListFixture.CreateAsync(dialect);

        var outcome = await fixture.Bounces.RegisterAsync(new BounceReport("v-12-0", BounceKind.Hard, "dsn", "5.1.1"));

        Assert.Equal((null, false), (outcome.MemberId, outcome.Counted));
    }
}
