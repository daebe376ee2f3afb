using TldOps.Core.Common;
using TldOps.Core.Storage;
using TldOps.Core.Tests.Lists.Support;
using TldOps.Testing;

namespace TldOps.Core.Tests.Lists.Storage;

public sealed class BanListTests
{
    [Theory, SqliteData, PostgresData]
    public async Task An_address_or_a_whole_domain_can_be_banned_exactly(SqlDialect dialect)
    {
        await using var fixture = await ListFixture.CreateAsync(dialect);
        Assert.True((await fixture.Bans.AddAsync("Spammer@Evil.Example", "spam", "operator")).IsSuccess);
        Assert.True((await fixture.Bans.AddAsync("@junk.example", null, "operator")).IsSuccess);

        Assert.Equal("spammer@evil.example", await fixture.Bans.MatchAsync("SPAMMER@evil.example"));
        Assert.Equal("@junk.example", await fixture.Bans.MatchAsync("anyone@junk.example"));
        Assert.Null(await fixture.Bans.MatchAsync("friend@evil.example"));
        Assert.Null(await fixture.Bans.MatchAsync("someone@sub.junk.example"));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Duplicates_and_nonsense_are_refused(SqlDialect dialect)
    {
        await using var fixture = await ListFixture.CreateAsync(dialect);
        await fixture.Bans.AddAsync("@junk.example", null, "operator");

        Assert.IsType<Conflict>((await fixture.Bans.AddAsync("@JUNK.example", null, "operator")).Problem);
        Assert.IsType<Invalid>((await fixture.Bans.AddAsync("junk.example", null, "operator")).Problem);
        Assert.IsType<Invalid>((await fixture.Bans.AddAsync("a@b@c", null, "operator")).Problem);
        Assert.True(await fixture.Bans.RemoveAsync("@junk.example"));
        Assert.Empty(await fixture.Bans.ListAsync());
    }
}
