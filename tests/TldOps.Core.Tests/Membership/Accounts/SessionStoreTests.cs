using Dapper;
using TldOps.Core.Membership;
using TldOps.Core.Membership.Accounts;
using TldOps.Core.Storage;
using TldOps.Core.Tests.Security;
using TldOps.Testing;

namespace TldOps.Core.Tests.Membership.Accounts;

public sealed class SessionStoreTests
{
    [Theory, SqliteData, PostgresData]
    public async Task A_session_is_found_by_its_secret_only(SqlDialect dialect)
    {
        await using var f = await AccountsFixture.CreateAsync(dialect);
        var ada = await f.AddAsync("ada@nic.fr");
        var issued = await f.Database.InTransactionAsync((c, t) => f.Sessions.CreateAsync(c, t, ada.MemberId, SessionStage.Complete, "Mozilla/5.0 \u0007test"));

        var found = await f.Sessions.ResolveAsync(issued.Secret);
        Assert.NotNull(found);
        Assert.Equal(ada.PublicId, found.Account.PublicId);
        Assert.Equal(SessionStage.Complete, found.Stage);
        Assert.Equal("Mozilla/5.0 test", found.UserAgent);
        Assert.Equal(SessionStore.ReferenceOf(issued.Secret), found.Reference);

        var altered = (issued.Secret[0] == 'A' ? "B" : "A") + issued.Secret[1..];
        Assert.Null(await f.Sessions.ResolveAsync(altered));
        Assert.Null(await f.Sessions.ResolveAsync(null));
        Assert.Null(await f.Sessions.ResolveAsync(issued.Secret + "x"));
        Assert.Null(await f.Sessions.ResolveAsync(new string('é', 43)));
    }

    [Theory, SqliteData, PostgresData]
    public async Task The_same_seed_stores_the_session_it_stored_before_the_secret_helpers_were_shared(SqlDialect dialect)
    {
        await using var f = await AccountsFixture.CreateAsync(dialect);
        var ada = await f.AddAsync("ada@nic.fr");

        var issued = await f.Database.InTransactionAsync((c, t) => f.Sessions.CreateAsync(c, t, ada.MemberId, SessionStage.Complete, null));

        // Captured before the change: the same cookie secret, and the same hash as the row's key.
        Assert.Equal(TokenSecretsTests.SessionSecret, issued.Secret);
        await using var connection = await f.Database.OpenAsync();
        Assert.Equal(TokenSecretsTests.SessionId, await connection.ExecuteScalarAsync<string>("SELECT id FROM account_session"));
        Assert.Equal(ada.PublicId, (await f.Sessions.ResolveAsync(TokenSecretsTests.SessionSecret))?.Account.PublicId);
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_session_ends_after_its_idle_timeout_but_use_keeps_it_alive(SqlDialect dialect)
    {
        await using var f = await AccountsFixture.CreateAsync(dialect);
        var ada = await f.AddAsync("ada@nic.fr");
        var issued = await f.Database.InTransactionAsync((c, t) => f.Sessions.CreateAsync(c, t, ada.MemberId, SessionStage.Complete, null));

        for (var i = 0; i < 4; i++)
        {
            f.Clock.Advance(f.Options.SessionIdleTimeout - TimeSpan.FromMinutes(1));
            Assert.NotNull(await f.Sessions.ResolveAsync(issued.Secret));
        }

        f.Clock.Advance(f.Options.SessionIdleTimeout);
        Assert.Null(await f.Sessions.ResolveAsync(issued.Secret));
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_session_ends_at_its_absolute_lifetime_however_active(SqlDialect dialect)
    {
        await using var f = await AccountsFixture.CreateAsync(dialect);
        var ada = await f.AddAsync("ada@nic.fr");
        var issued = await f.Database.InTransactionAsync((c, t) => f.Sessions.CreateAsync(c, t, ada.MemberId, SessionStage.Complete, null));
        var end = f.Clock.GetUtcNow() + f.Options.SessionLifetime;

        while (f.Clock.GetUtcNow() + TimeSpan.FromMinutes(20) < end)
        {
            f.Clock.Advance(TimeSpan.FromMinutes(20));
            Assert.NotNull(await f.Sessions.ResolveAsync(issued.Secret));
        }

        f.Clock.Set(end);
        Assert.Null(await f.Sessions.ResolveAsync(issued.Secret));
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_login_waiting_for_its_second_factor_ends_after_a_few_minutes(SqlDialect dialect)
    {
        await using var f = await AccountsFixture.CreateAsync(dialect);
        var ada = await f.AddAsync("ada@nic.fr");
        var issued = await f.Database.InTransactionAsync((c, t) => f.Sessions.CreateAsync(c, t, ada.MemberId, SessionStage.SecondFactor, null));

        Assert.Equal(SessionStage.SecondFactor, (await f.Sessions.ResolveAsync(issued.Secret))!.Stage);
        f.Clock.Advance(f.Options.SecondFactorTimeout);
        Assert.Null(await f.Sessions.ResolveAsync(issued.Secret));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Advancing_a_session_replaces_its_secret(SqlDialect dialect)
    {
        await using var f = await AccountsFixture.CreateAsync(dialect);
        var ada = await f.AddAsync("ada@nic.fr");
        var first = await f.Database.InTransactionAsync((c, t) => f.Sessions.CreateAsync(c, t, ada.MemberId, SessionStage.SecondFactor, "agent"));

        var next = await f.Database.InTransactionAsync((c, t) => f.Sessions.AdvanceAsync(c, t, first.Secret, SessionStage.Complete));
        var twice = await f.Database.InTransactionAsync((c, t) => f.Sessions.AdvanceAsync(c, t, first.Secret, SessionStage.Complete));

        Assert.NotNull(next);
        Assert.NotEqual(first.Secret, next.Secret);
        Assert.Null(twice);
        Assert.Null(await f.Sessions.ResolveAsync(first.Secret));
        var resolved = await f.Sessions.ResolveAsync(next.Secret);
        Assert.Equal(SessionStage.Complete, resolved!.Stage);
        Assert.Equal("agent", resolved.UserAgent);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Logout_suspension_and_the_sessions_list_all_see_revocation(SqlDialect dialect)
    {
        await using var f = await AccountsFixture.CreateAsync(dialect);
        var ada = await f.AddAsync("ada@nic.fr");
        var laptop = await f.Database.InTransactionAsync((c, t) => f.Sessions.CreateAsync(c, t, ada.MemberId, SessionStage.Complete, "laptop"));
        var phone = await f.Database.InTransactionAsync((c, t) => f.Sessions.CreateAsync(c, t, ada.MemberId, SessionStage.Complete, "phone"));
        var tablet = await f.Database.InTransactionAsync((c, t) => f.Sessions.CreateAsync(c, t, ada.MemberId, SessionStage.Complete, "tablet"));

        Assert.Equal(3, (await f.Sessions.ListAsync(ada.MemberId)).Count);
        Assert.True(await f.Sessions.RevokeAsync(laptop.Secret, "logout"));
        Assert.False(await f.Sessions.RevokeAsync(laptop.Secret, "logout"));
        Assert.True(await f.Sessions.RevokeByReferenceAsync(ada.MemberId, SessionStore.ReferenceOf(phone.Secret)));
        var other = await f.AddAsync("bo@nic.fr");
        Assert.False(await f.Sessions.RevokeByReferenceAsync(other.MemberId, SessionStore.ReferenceOf(tablet.Secret)));

        Assert.Equal(["tablet"], (await f.Sessions.ListAsync(ada.MemberId)).Select(s => s.UserAgent));
        await f.Members.SetStatusAsync(ada.PublicId, MemberStatus.Suspended);
        Assert.Null(await f.Sessions.ResolveAsync(tablet.Secret));
    }
}
