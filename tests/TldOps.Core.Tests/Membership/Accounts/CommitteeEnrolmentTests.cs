using TldOps.Core.Common;
using TldOps.Core.Membership;
using TldOps.Core.Membership.Accounts;
using TldOps.Core.Storage;
using TldOps.Testing;

namespace TldOps.Core.Tests.Membership.Accounts;

public sealed class CommitteeEnrolmentTests
{
    [Theory, SqliteData, PostgresData]
    public async Task Without_a_committee_each_start_gets_a_new_link_and_the_old_one_dies(SqlDialect dialect)
    {
        await using var f = await AccountsFixture.CreateAsync(dialect);

        var first = await f.Enrolment.PrepareAsync();
        var second = await f.Enrolment.PrepareAsync();

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.StartsWith("https://portal.tld-ops.example/en/enrol?token=", first.Url, StringComparison.Ordinal);
        Assert.Equal(f.Clock.GetUtcNow() + TimeSpan.FromHours(24), second.ExpiresAt);
        Assert.False(await f.Enrolment.IsUsableAsync(MailLinks.TokenOf(first.Url)));
        Assert.True(await f.Enrolment.IsUsableAsync(MailLinks.TokenOf(second.Url)));
    }

    [Theory, SqliteData, PostgresData]
    public async Task The_link_makes_a_new_person_the_chair_on_its_authority_and_starts_enrolment(SqlDialect dialect)
    {
        await using var f = await AccountsFixture.CreateAsync(dialect);
        var link = (await f.Enrolment.PrepareAsync())!;
        var token = MailLinks.TokenOf(link.Url);

        var bad = await f.Enrolment.CompleteAsync(token, new PersonForm("", "nope", ".zz", "12"), null);
        var invalid = Assert.IsType<Invalid>(bad.Problem);
        Assert.Equal(["name", "email", "ccTLD", "officePhone"], invalid.Fields.Select(e => e.Field));
        Assert.True(await f.Enrolment.IsUsableAsync(token));

        var session = await f.Enrolment.CompleteAsync(token, new PersonForm("Chair Person", "chair@nic.fr", ".FR", "+33 1 39 30 83 00", null, "fr"), "agent");

        Assert.Equal(SessionStage.Enrolment, session.Value.Stage);
        var chair = (await f.Sessions.ResolveAsync(session.Value.Secret))!.Account;
        Assert.Equal(RoleAssignment.Committee(CommitteePosition.Chair), chair.Role);
        Assert.Equal(("fr", "fr"), (chair.CcTld, chair.Language));
        var audit = Assert.Single(await f.Audit.ListAsync(subject: chair.Reference));
        Assert.Equal(("enrolment-link", "member-added"), (audit.Actor, audit.Action));
        Assert.StartsWith("link:", audit.Authority, StringComparison.Ordinal);
        Assert.IsType<Forbidden>((await f.Enrolment.CompleteAsync(token, new PersonForm("Eve", "eve@nic.fr", "fr"), null)).Problem);
        Assert.Null(await f.Enrolment.PrepareAsync());
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_person_already_on_the_list_is_promoted_rather_than_added_twice(SqlDialect dialect)
    {
        await using var f = await AccountsFixture.CreateAsync(dialect);
        var ada = await f.AddAsync("ada@nic.fr");
        var link = (await f.Enrolment.PrepareAsync())!;

        var session = await f.Enrolment.CompleteAsync(MailLinks.TokenOf(link.Url), new PersonForm("Ada", "ada@nic.fr", "fr"), null);

        Assert.True(session.IsSuccess, session.Problem?.Message);
        Assert.Equal(RoleAssignment.Committee(CommitteePosition.Chair), (await f.Accounts.FindAsync(ada.PublicId))!.Role);
        Assert.Single(await f.Members.ListAsync());
        Assert.Contains(await f.Audit.ListAsync(subject: ada.Reference), a => a.Action == "role-changed" && a.Actor == "enrolment-link");
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_link_printed_before_the_committee_existed_is_dead_afterwards(SqlDialect dialect)
    {
        await using var f = await AccountsFixture.CreateAsync(dialect);
        var link = (await f.Enrolment.PrepareAsync())!;
        var ada = await f.AddAsync("ada@nic.fr");
        await f.Roles.AssignAsync(ada.PublicId, RoleAssignment.Committee(CommitteePosition.Chair), Actor.Operator);

        var late = await f.Enrolment.CompleteAsync(MailLinks.TokenOf(link.Url), new PersonForm("Eve", "eve@nic.fr", "fr"), null);

        Assert.IsType<Conflict>(late.Problem);
        Assert.Empty(await f.Accounts.FindByEmailAsync("eve@nic.fr"));
        Assert.Null(await f.Enrolment.PrepareAsync());
    }
}
