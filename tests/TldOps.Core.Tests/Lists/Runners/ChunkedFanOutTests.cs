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
/// A post's fan-out in chunks behind a durable cursor: a head start in the pipeline's
/// transaction, then chunks; each address once across chunk boundaries, and a fan-out cut short
/// continues from its cursor.
/// </summary>
public sealed class ChunkedFanOutTests
{
    // Ana posts. Ana's address again under pt (same person, two ccTLDs), a suspended member and
    // one whose delivery is disabled fall between chunk boundaries; Jeanne and Luc read French.
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

    [Theory, SqliteData, PostgresData]
    public async Task A_post_is_written_in_chunks_and_reaches_each_address_once(SqlDialect dialect)
    {
        await using var fixture = await CreateAsync(dialect, headStart: 2, chunk: 3, frenchFooter: true);
        await fixture.ReceiveAsync(Posts.Raw(subject: "[ALERT] flood"), "ana@nic.example.br", "tld-ops@lists.example");

        await fixture.Incoming.DrainAsync();
        Assert.Equal(1, await fixture.Pipeline.DrainAsync());

        var entries = await fixture.EntriesAsync(QueueNames.Out);
        Assert.Equal(Expected, entries.Select(e => e.Recipient!).Order(StringComparer.Ordinal));
        // The French readers get the French copy, the others the English one: two prepared copies.
        Assert.Equal(2, entries.Select(e => e.MessageId).Distinct().Count());
        Assert.Equal(
            ["jeanne@nic.example.fr", "luc@nic.example.be"],
            entries.GroupBy(e => e.MessageId).Single(g => g.Count() == 2).Select(e => e.Recipient!).Order(StringComparer.Ordinal));
        var post = Assert.Single(await fixture.Posts.ListAsync());
        Assert.Equal((PostState.Distributed, Expected.Length), (post.State, post.Copies));
        Assert.Equal(0, await CursorsAsync(fixture));
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_fan_out_cut_short_continues_from_its_cursor_when_the_pipeline_entry_runs_again(SqlDialect dialect)
    {
        await using var fixture = await CreateAsync(dialect, headStart: 2, chunk: 2);
        var (post, head) = await DistributeHeadStartAsync(fixture);

        // One chunk after the head start, then the node dies.
        using var crash = new CancellationTokenSource();
        var chunks = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fixture.FanOut.ContinueAsync(post.Id, () =>
        {
            if (++chunks == 1)
            {
                crash.Cancel();
            }
        }, crash.Token));
        // The chunk covered Jeanne and Ana's second entry, which is no second copy.
        Assert.Equal((2, 1), (head, chunks));
        Assert.Equal(["ana@nic.example.br", "bernd@nic.example.de", "jeanne@nic.example.fr"], (await fixture.EntriesAsync(QueueNames.Out)).Select(e => e.Recipient));

        // The pipeline entry, leased again after the restart, finds the post distributed and the cursor.
        Assert.Equal(1, await fixture.Pipeline.DrainAsync());

        var entries = await fixture.EntriesAsync(QueueNames.Out);
        Assert.Equal(Expected, entries.Select(e => e.Recipient!).Order(StringComparer.Ordinal));
        Assert.Equal(Expected.Length, (await fixture.Posts.GetAsync(post.Id))!.Copies);
        Assert.Equal(0, await CursorsAsync(fixture));
        var done = Assert.Single(await fixture.EntriesAsync(QueueNames.Pipeline));
        Assert.Equal($"post #{post.Id}: fan-out continued, {Expected.Length - 3} more copies queued", done.Reply);

        // Once finished, running it again changes nothing.
        Assert.Equal(0, await fixture.FanOut.ContinueAsync(post.Id, () => { }));
        Assert.Equal(Expected.Length, (await fixture.EntriesAsync(QueueNames.Out)).Count);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Two_nodes_continuing_the_same_fan_out_write_each_recipient_once(SqlDialect dialect)
    {
        await using var fixture = await CreateAsync(dialect, headStart: 1, chunk: 1);
        var (post, _) = await DistributeHeadStartAsync(fixture);

        var written = await Task.WhenAll(
            Task.Run(() => fixture.FanOut.ContinueAsync(post.Id, () => { })),
            Task.Run(() => fixture.FanOut.ContinueAsync(post.Id, () => { })));

        var entries = await fixture.EntriesAsync(QueueNames.Out);
        Assert.Equal(Expected, entries.Select(e => e.Recipient!).Order(StringComparer.Ordinal));
        Assert.Equal(Expected.Length - 1, written.Sum());
        Assert.Equal(0, await CursorsAsync(fixture));
    }

    [Theory]
    [InlineData(0, 1000)]
    [InlineData(500, 0)]
    [InlineData(500, 1_000_001)]
    public void Head_start_and_chunk_must_be_positive_and_bounded(int headStart, int chunk)
    {
        var options = Posts.Options();
        options.Delivery.FanOutHeadStart = headStart;
        options.Delivery.FanOutChunk = chunk;

        var problem = Assert.Throws<InvalidOperationException>(() => options.Validate());

        Assert.Contains("FanOutHeadStart", problem.Message, StringComparison.Ordinal);
    }

    private static async Task<ListFixture> CreateAsync(SqlDialect dialect, int headStart, int chunk, bool frenchFooter = false)
    {
        var options = Posts.Options();
        if (frenchFooter)
        {
            options.FooterTexts["fr"] = "Liste TLD-OPS : réservée aux membres.";
        }

        options.Delivery.FanOutHeadStart = headStart;
        options.Delivery.FanOutChunk = chunk;
        var fixture = await ListFixture.CreateAsync(dialect, options);
        var people = await fixture.AddMembersAsync(People);
        await fixture.Members.SetStatusAsync(people[4].PublicId, MemberStatus.Suspended);
        await fixture.Db.Database.InTransactionAsync((c, t) => c.ExecuteAsync(
            "INSERT INTO list_member_delivery (member_id, bounce_score, disabled, updated_at) VALUES (@id, 5, @yes, @now)",
            new { id = people[5].Id, yes = true, now = fixture.Clock.GetUtcNow() }, t));
        return fixture;
    }

    /// <summary>
    /// A post accepted by the chain, then what the pipeline's transaction does with it (marked
    /// distributed, the head start written, the cursor left) and nothing after: a node that died
    /// there. Returns the post and the copies the head start wrote.
    /// </summary>
    private static async Task<(StoredPost Post, int Head)> DistributeHeadStartAsync(ListFixture fixture)
    {
        await fixture.ReceiveAsync(Posts.Raw(), "ana@nic.example.br", "tld-ops@lists.example");
        await fixture.Incoming.DrainAsync();
        var post = Assert.Single(await fixture.Posts.ListAsync());
        var head = await fixture.Db.Database.InTransactionAsync(async (c, t) =>
        {
            Assert.True(await fixture.Posts.SetStateAsync(c, t, post.Id, PostState.Queued, PostState.Distributed));
            var written = await fixture.FanOut.BeginAsync(c, t, post.Id, post.MessageId, QueuePriority.Normal, null, null);
            await fixture.Posts.MarkDistributedAsync(c, t, post.Id, PostClassification.Empty, QueuePriority.Normal, written, fixture.Clock.GetUtcNow());
            return written;
        });
        return (post, head);
    }

    private static async Task<int> CursorsAsync(ListFixture fixture)
    {
        await using var connection = await fixture.Db.Database.OpenAsync();
        return await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM list_fanout");
    }
}
