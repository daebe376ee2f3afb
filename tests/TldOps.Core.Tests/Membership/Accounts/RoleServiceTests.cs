using System.Text.Json;
using TldOps.Core.Common;
using TldOps.Core.Membership;
using TldOps.Core.Membership.Accounts;
using TldOps.Core.Storage;
using TldOps.Testing;

namespace TldOps.Core.Tests.Membership.Accounts;

public sealed class RoleServiceTests
{
    [Theory, SqliteData, PostgresData]
    public async Task The_committee_gives_a_member_a_seat_audited_with_old_and_new_role(SqlDialect dialect)
    {
        await using var f = await AccountsFixture.CreateAsync(dialect);
        var chair = await Committee(f, "chair@nic.fr", CommitteePosition.Chair);
        var ada = await f.AddAsync("ada@nic.de", "de");

        var changed = await f.Roles.AssignAsync(ada.PublicId, RoleAssignment.Committee(CommitteePosition.ViceChair, securitySubcommittee: true), Actor.Of(chair, "abc"));

        Assert.True(changed.IsSuccess, changed.Problem?.Message);
        Assert.Equal(new RoleAssignment(MemberRole.Committee, CommitteePosition.ViceChair, true), changed.Value.Role);
        Assert.Equal(changed.Value.Role, (await f.Accounts.FindAsync(ada.PublicId))!.Role);
        var row = Assert.Single(await f.Audit.ListAsync(subject: ada.Reference), a => a.Action == "role-changed");
        Assert.Equal(chair.Reference, row.Actor);
        Assert.Equal("session:abc", row.Authority);
        Assert.Equal("de", row.CcTld);
        using var detail = JsonDocument.Parse(row.Detail);
        Assert.Equal("member", detail.RootElement.GetProperty("from").GetProperty("role").GetString());
        Assert.Equal("vice-chair", detail.RootElement.GetProperty("to").GetProperty("position").GetString());
        Assert.True(detail.RootElement.GetProperty("to").GetProperty("securitySubcommittee").GetBoolean());
    }

    [Theory, SqliteData, PostgresData]
    public async Task The_secretariat_and_members_may_not_change_roles(SqlDialect dialect)
    {
        await using var f = await AccountsFixture.CreateAsync(dialect);
        await Committee(f, "chair@nic.fr", CommitteePosition.Chair);
        var staff = await f.AddAsync("staff@icann.example", null, MemberRole.Secretariat);
        var ada = await f.AddAsync("ada@nic.de", "de");

        Assert.IsType<Forbidden>((await f.Roles.AssignAsync(ada.PublicId, RoleAssignment.Committee(), Actor.Of(staff, "s"))).Problem);
        Assert.IsType<Forbidden>((await f.Roles.AssignAsync(ada.PublicId, RoleAssignment.Committee(), Actor.Of(ada, "s"))).Problem);
        Assert.IsType<Forbidden>((await f.Roles.AddAsync(new NewMember(null, "X", "x@ssac.example", null, null, MemberRole.Liaison), RoleAssignment.LiaisonFor(LiaisonKind.Ssac), Actor.Of(staff, "s"))).Problem);
        Assert.Equal(MemberRole.Member, (await f.Accounts.FindAsync(ada.PublicId))!.Role.Role);
        Assert.DoesNotContain(await f.Audit.ListAsync(), a => a.Action == "role-changed" && a.Subject == ada.Reference);
    }

    [Theory, SqliteData, PostgresData]
    public async Task There_is_one_chair_and_one_vice_chair_and_never_no_committee(SqlDialect dialect)
    {
        await using var f = await AccountsFixture.CreateAsync(dialect);
        var chair = await Committee(f, "chair@nic.fr", CommitteePosition.Chair);
        var ada = await f.AddAsync("ada@nic.de", "de");

        Assert.IsType<Conflict>((await f.Roles.AssignAsync(ada.PublicId, RoleAssignment.Committee(CommitteePosition.Chair), Actor.Operator)).Problem);
        Assert.IsType<Conflict>((await f.Roles.AssignAsync(chair.PublicId, RoleAssignment.PlainMember, Actor.Operator)).Problem);

        // Handing over: the new chair joins as a member, the old chair steps down, the new one takes the seat.
        Assert.True((await f.Roles.AssignAsync(ada.PublicId, RoleAssignment.Committee(), Actor.Operator)).IsSuccess);
        Assert.True((await f.Roles.AssignAsync(chair.PublicId, RoleAssignment.PlainMember, Actor.Operator)).IsSuccess);
        Assert.True((await f.Roles.AssignAsync(ada.PublicId, RoleAssignment.Committee(CommitteePosition.Chair), Actor.Operator)).IsSuccess);
        Assert.Equal(CommitteePosition.Chair, (await f.Accounts.FindAsync(ada.PublicId))!.Role.Position);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Roles_that_do_not_fit_the_person_are_invalid(SqlDialect dialect)
    {
        await using var f = await AccountsFixture.CreateAsync(dialect);
        await Committee(f, "chair@nic.fr", CommitteePosition.Chair);
        var ada = await f.AddAsync("ada@nic.de", "de");
        var staff = await f.AddAsync("staff@icann.example", null, MemberRole.Secretariat);

        Assert.IsType<Invalid>((await f.Roles.AssignAsync(ada.PublicId, RoleAssignment.LiaisonFor(LiaisonKind.Iana), Actor.Operator)).Problem);
        Assert.IsType<Invalid>((await f.Roles.AssignAsync(ada.PublicId, RoleAssignment.Secretariat, Actor.Operator)).Problem);
        Assert.IsType<Invalid>((await f.Roles.AssignAsync(staff.PublicId, RoleAssignment.Committee(), Actor.Operator)).Problem);
        Assert.IsType<Invalid>((await f.Roles.AssignAsync(ada.PublicId, new RoleAssignment(MemberRole.Member, SecuritySubcommittee: true), Actor.Operator)).Problem);
        Assert.IsType<Invalid>((await f.Roles.AssignAsync(ada.PublicId, new RoleAssignment(MemberRole.Committee), Actor.Operator)).Problem);
        Assert.IsType<NotFound>((await f.Roles.AssignAsync("nobody2345", RoleAssignment.Committee(), Actor.Operator)).Problem);
        Assert.True((await f.Roles.AssignAsync(staff.PublicId, RoleAssignment.Secretariat, Actor.Operator)).IsSuccess);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Liaisons_are_added_without_a_ccTLD_and_keep_their_organisation(SqlDialect dialect)
    {
        await using var f = await AccountsFixture.CreateAsync(dialect);
        var chair = await Committee(f, "chair@nic.fr", CommitteePosition.Chair);

        var added = await f.Roles.AddAsync(new NewMember(null, "Sam Liaison", "sam@ssac.example", null, null, MemberRole.Liaison),
            RoleAssignment.LiaisonFor(LiaisonKind.Ssac), Actor.Of(chair, "s"));
        var clash = await f.Roles.AddAsync(new NewMember(null, "Sam Again", "SAM@ssac.example", null, null, MemberRole.Liaison),
            RoleAssignment.LiaisonFor(LiaisonKind.Iana), Actor.Of(chair, "s"));

        Assert.Equal(RoleAssignment.LiaisonFor(LiaisonKind.Ssac), added.Value.Role);
        Assert.Null(added.Value.CcTld);
        Assert.IsType<Conflict>(clash.Problem);
        Assert.Contains(await f.Accounts.ListStaffAsync(), a => a.PublicId == added.Value.PublicId);
        Assert.Contains(await f.Audit.ListAsync(subject: added.Value.Reference), a => a.Action == "member-added" && a.Actor == chair.Reference);
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_role_change_ends_the_persons_sessions(SqlDialect dialect)
    {
        await using var f = await AccountsFixture.CreateAsync(dialect);
        await Committee(f, "chair@nic.fr", CommitteePosition.Chair);
        var ada = await f.AddAsync("ada@nic.de", "de");
        var session = await f.Database.InTransactionAsync((c, t) => f.Sessions.CreateAsync(c, t, ada.MemberId, SessionStage.Complete, null));

        Assert.True((await f.Roles.AssignAsync(ada.PublicId, RoleAssignment.Committee(), Actor.Operator)).IsSuccess);

        Assert.Null(await f.Sessions.ResolveAsync(session.Secret));
    }

    private static async Task<Account> Committee(AccountsFixture f, string email, CommitteePosition position)
    {
        var person = await f.AddAsync(email);
        var result = await f.Roles.AssignAsync(person.PublicId, RoleAssignment.Committee(position), Actor.Operator);
        Assert.True(result.IsSuccess, result.Problem?.Message);
        return result.Value;
    }
}
