using TldOps.Core.Common;
using TldOps.Core.Membership;
using TldOps.Core.Membership.Joining;
using TldOps.Core.Storage;
using TldOps.Testing;

namespace TldOps.Core.Tests.Membership;

public sealed class ChangeRequestTests
{
    private static async Task<VettingFixture> WithTwoFrenchContactsAsync(SqlDialect dialect)
    {
        var f = await VettingFixture.CreateAsync(dialect);
        await f.Joins.SubmitAsync(VettingFixture.Form("fr", "nic.fr", 2));
        await f.Joins.DecideByLinkAsync(MailLinks.TokenWith(Assert.Single(await f.MailsToAsync("tld-admin@nic.fr")).Body, "action=approve"), JoinDecision.Approve);
        return f;
    }

    private static async Task ApproveLatestAsync(VettingFixture f)
    {
        var latest = (await f.MailsToAsync("tld-admin@nic.fr")).Last(m => m.Body.Contains("action=approve", StringComparison.Ordinal));
        var decided = await f.Joins.DecideByLinkAsync(MailLinks.TokenWith(latest.Body, "action=approve"), JoinDecision.Approve);
        Assert.True(decided.IsSuccess, decided.Problem?.Message);
    }

    [Theory, SqliteData, PostgresData]
    public async Task The_admin_contact_changes_a_contact_s_details_the_same_way_and_the_change_is_audited(SqlDialect dialect)
    {
        await using var f = await WithTwoFrenchContactsAsync(dialect);
        var change = await f.Joins.SubmitAsync(new JoinRequestForm("fr",
            [new JoinContactForm(null, "contact1.new@nic.fr", null, "+33 7 00 00 00 01", "Head of CERT", Existing: "contact1@nic.fr")],
            "contact1@nic.fr", Kind: JoinRequestKind.Change));
        Assert.True(change.IsSuccess, change.Problem?.Message);
        Assert.Contains("de modifier les coordonnées", (await f.MailsToAsync("tld-admin@nic.fr")).Last().Body, StringComparison.Ordinal);

        await ApproveLatestAsync(f);

        var changed = Assert.Single(await f.Members.ListAsync(), m => m.Email == "contact1.new@nic.fr");
        Assert.Equal(("Contact 1", "+33139308301", "+33700000001"), (changed.Name, changed.OfficePhone!.E164, changed.MobilePhone!.E164));
        Assert.Equal(2, (await f.Members.ListAsync(MemberStatus.Active)).Count);
        var audit = Assert.Single(await f.Audit.ListAsync(subject: "member:" + changed.PublicId), r => r.Action == "member-changed");
        Assert.Contains("contact1@nic.fr", audit.Detail, StringComparison.Ordinal);
        Assert.Contains("contact1.new@nic.fr", audit.Detail, StringComparison.Ordinal);
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_removal_takes_the_contact_off_and_frees_its_place_under_the_cap(SqlDialect dialect)
    {
        await using var f = await WithTwoFrenchContactsAsync(dialect);
        Assert.True((await f.Joins.SubmitAsync(VettingFixture.Form("fr", "nic.fr", 1, kind: JoinRequestKind.Add, first: 3))).IsSuccess);
        await ApproveLatestAsync(f);
        Assert.IsType<TooManyContacts>((await f.Joins.SubmitAsync(VettingFixture.Form("fr", "nic.fr", 1, kind: JoinRequestKind.Add, first: 4))).Problem);

        var removal = await f.Joins.SubmitAsync(new JoinRequestForm("fr", [new JoinContactForm(null, null, Existing: "contact2@nic.fr")], "tld-admin@nic.fr", Kind: JoinRequestKind.Remove));
        Assert.True(removal.IsSuccess, removal.Problem?.Message);
        await ApproveLatestAsync(f);

        Assert.Equal(MemberStatus.Removed, Assert.Single(await f.Members.ListAsync(), m => m.Email == "contact2@nic.fr").Status);
        Assert.True((await f.Joins.SubmitAsync(VettingFixture.Form("fr", "nic.fr", 1, kind: JoinRequestKind.Add, first: 4))).IsSuccess);
    }

    [Fact]
    public async Task A_change_or_removal_must_name_a_current_contact_and_a_new_contact_must_not_be_one_already()
    {
        await using var f = await WithTwoFrenchContactsAsync(SqlDialect.Sqlite);

        var unknown = await f.Joins.SubmitAsync(new JoinRequestForm("fr", [new JoinContactForm(null, null, Existing: "nobody@nic.fr")], "x@nic.fr", Kind: JoinRequestKind.Remove));
        var duplicate = await f.Joins.SubmitAsync(VettingFixture.Form("fr", "nic.fr", 1, kind: JoinRequestKind.Add, first: 2));

        Assert.Equal("contacts[0].existing", Assert.Single(Assert.IsType<Invalid>(unknown.Problem).Fields).Field);
        Assert.Contains("already on the list", Assert.Single(Assert.IsType<Invalid>(duplicate.Problem).Fields).Reason, StringComparison.Ordinal);
    }
}
