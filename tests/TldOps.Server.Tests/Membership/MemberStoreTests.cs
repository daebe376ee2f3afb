using TldOps.Core.Common;
using TldOps.Core.Membership;
using TldOps.Core.Storage;
using TldOps.Server.Tests.Support;
using TldOps.Testing;

namespace TldOps.Server.Tests.Membership;

public sealed class MemberStoreTests
{
    private static NewMember Person(string ccTld, string email, string name = "Régis Massé") =>
        new(ccTld, name, email, PhoneNumber.Parse("+33 1 39 30 83 00"), PhoneNumber.Parse("+33 6 12 34 56 78"), MemberRole.Member, Language.French);

    [Theory, SqliteData, PostgresData]
    public async Task A_member_reads_back_as_stored(SqlDialect dialect)
    {
        await using var f = await MembershipFixture.CreateAsync(dialect);

        var added = (await f.Members.AddAsync(Person("fr", "Regis.Masse@afnic.fr"))).Value;

        Assert.True(MemberPublicId.IsWellFormed(added.PublicId));
        var read = Assert.Single(await f.Members.ListAsync());
        Assert.Equal(added, read);
        Assert.Equal("fr", read.CcTld);
        Assert.Equal("Régis Massé", read.Name);
        Assert.Equal("Regis.Masse@afnic.fr", read.Email);
        Assert.Equal("+33139308300", read.OfficePhone?.E164);
        Assert.Equal("+33612345678", read.MobilePhone?.E164);
        Assert.Equal(MemberRole.Member, read.Role);
        Assert.Equal(Language.French, read.Language);
        Assert.Equal(MemberStatus.Active, read.Status);
        Assert.Equal(f.Clock.GetUtcNow(), read.CreatedAt);
        Assert.Equal(f.Clock.GetUtcNow(), read.UpdatedAt);
        Assert.Null(read.VerifiedAt);
        Assert.Equal(read, await f.Members.FindAsync(added.PublicId));
    }

    [Theory, SqliteData, PostgresData]
    public async Task An_address_is_unique_within_a_ccTLD_whatever_its_case(SqlDialect dialect)
    {
        await using var f = await MembershipFixture.CreateAsync(dialect);
        Assert.True((await f.Members.AddAsync(Person("fr", "noc@afnic.fr"))).IsSuccess);

        var again = await f.Members.AddAsync(Person("fr", "NOC@afnic.fr"));

        Assert.IsType<Conflict>(again.Problem);
        Assert.Single(await f.Members.ListAsync());
    }

    [Theory, SqliteData, PostgresData]
    public async Task The_same_person_may_serve_two_ccTLDs(SqlDialect dialect)
    {
        await using var f = await MembershipFixture.CreateAsync(dialect);
        Assert.True((await f.Members.AddAsync(Person("fr", "noc@afnic.fr"))).IsSuccess);
        Assert.True((await f.Members.AddAsync(Person("nc", "noc@afnic.fr"))).IsSuccess);
        Assert.Equal(2, (await f.Members.ListAsync()).Count);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Adding_several_is_all_or_nothing(SqlDialect dialect)
    {
        await using var f = await MembershipFixture.CreateAsync(dialect);
        await f.Members.AddAsync(Person("de", "cert@denic.de"));

        var result = await f.Members.AddAllAsync([Person("fr", "noc@afnic.fr"), Person("de", "CERT@denic.de")]);

        Assert.IsType<Conflict>(result.Problem);
        var stored = Assert.Single(await f.Members.ListAsync());
        Assert.Equal("de", stored.CcTld);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Listing_by_ids_gives_only_those_with_the_status_in_order(SqlDialect dialect)
    {
        await using var f = await MembershipFixture.CreateAsync(dialect);
        var zoe = (await f.Members.AddAsync(Person("fr", "zoe@afnic.fr", "Zoé Martin"))).Value;
        var ana = (await f.Members.AddAsync(Person("fr", "ana@afnic.fr", "Ana Dupont"))).Value;
        var gone = (await f.Members.AddAsync(Person("fr", "gone@afnic.fr", "Guy Parti"))).Value;
        var other = (await f.Members.AddAsync(Person("de", "cert@denic.de", "Dieter Wolf"))).Value;
        await f.Members.SetStatusAsync(gone.PublicId, MemberStatus.Suspended);

        var listed = await f.Members.ListAsync([zoe.Id, gone.Id, ana.Id], MemberStatus.Active);

        Assert.Equal([ana.Id, zoe.Id], listed.Select(m => m.Id));
        Assert.Equal([gone.Id], (await f.Members.ListAsync([zoe.Id, gone.Id, other.Id], MemberStatus.Suspended)).Select(m => m.Id));
        Assert.Empty(await f.Members.ListAsync([], MemberStatus.Active));
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_removed_member_frees_the_address_and_stops_counting(SqlDialect dialect)
    {
        await using var f = await MembershipFixture.CreateAsync(dialect);
        var first = (await f.Members.AddAsync(Person("fr", "noc@afnic.fr"))).Value;
        var second = (await f.Members.AddAsync(Person("fr", "cert@afnic.fr"))).Value;
        await f.Members.AddAsync(Person("de", "cert@denic.de"));
        Assert.Equal(2, (await f.Members.CountActiveByCcTldAsync())["fr"]);

        f.Clock.Advance(TimeSpan.FromDays(1));
        var removed = (await f.Members.SetStatusAsync(first.PublicId, MemberStatus.Removed)).Value;
        Assert.True((await f.Members.SetStatusAsync(second.PublicId, MemberStatus.Suspended)).IsSuccess);

        Assert.Equal(MemberStatus.Removed, removed.Status);
        Assert.Equal(f.Clock.GetUtcNow(), removed.UpdatedAt);
        var counts = await f.Members.CountActiveByCcTldAsync();
        Assert.False(counts.ContainsKey("fr"));
        Assert.Equal(1, counts["de"]);
        Assert.True((await f.Members.AddAsync(Person("fr", "noc@afnic.fr"))).IsSuccess);
        Assert.IsType<Conflict>((await f.Members.SetStatusAsync(first.PublicId, MemberStatus.Active)).Problem);
        Assert.IsType<NotFound>((await f.Members.SetStatusAsync("2222222222", MemberStatus.Active)).Problem);
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_public_id_collision_draws_a_new_id(SqlDialect dialect)
    {
        // Symbols 0,0,0… for the first id, the same again, then 1,1,1… for the retry.
        var script = Enumerable.Repeat(0, MemberPublicId.Length * 2).Concat(Enumerable.Repeat(1, MemberPublicId.Length)).ToArray();
        await using var f = await MembershipFixture.CreateAsync(dialect, random: new ScriptedRandom(script));

        var first = (await f.Members.AddAsync(Person("fr", "noc@afnic.fr"))).Value;
        var second = (await f.Members.AddAsync(Person("fr", "cert@afnic.fr"))).Value;

        Assert.Equal(new string(MemberPublicId.Alphabet[0], MemberPublicId.Length), first.PublicId);
        Assert.Equal(new string(MemberPublicId.Alphabet[1], MemberPublicId.Length), second.PublicId);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Liaisons_have_no_ccTLD_and_members_must_have_one(SqlDialect dialect)
    {
        await using var f = await MembershipFixture.CreateAsync(dialect);
        var liaison = new NewMember(null, "Kim Davies", "kim.davies@iana.org", null, null, MemberRole.Liaison);

        Assert.True((await f.Members.AddAsync(liaison)).IsSuccess);
        Assert.IsType<Conflict>((await f.Members.AddAsync(liaison with { Email = "Kim.Davies@iana.org" })).Problem);
        await Assert.ThrowsAsync<ArgumentException>(() => f.Members.AddAsync(liaison with { Role = MemberRole.Member }));
        Assert.Empty(await f.Members.CountActiveByCcTldAsync());
    }

    [Fact]
    public void Public_ids_are_short_and_use_the_VERP_safe_alphabet()
    {
        var id = MemberPublicId.Create(new CryptoRandomSource());
        Assert.InRange(id.Length, 1, 12);
        Assert.True(MemberPublicId.IsWellFormed(id));
        Assert.All(id, c => Assert.True(char.IsAsciiDigit(c) || char.IsAsciiLetterLower(c)));
        Assert.False(MemberPublicId.IsWellFormed("0000000000"));
        Assert.False(MemberPublicId.IsWellFormed("abc"));
    }
}
