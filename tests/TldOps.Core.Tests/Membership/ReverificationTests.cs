using TldOps.Core.Common;
using TldOps.Core.Membership;
using TldOps.Core.Membership.Joining;
using TldOps.Core.Membership.Reverification;
using TldOps.Core.Storage;
using TldOps.Testing;

namespace TldOps.Core.Tests.Membership;

public sealed class ReverificationTests
{
    private static async Task<(VettingFixture F, Member Member)> WithMemberAsync(SqlDialect dialect, VettingOptions? options = null)
    {
        var f = await VettingFixture.CreateAsync(dialect, options);
        await f.Joins.SubmitAsync(new JoinRequestForm("ke", [new JoinContactForm("Wanjiru Kamau", "wanjiru@kenic.or.ke", "+254 20 4450057", null, "CSIRT", "fr")], "wanjiru@kenic.or.ke"));
        var admin = (await f.Requests.ListAsync()).Single().AdminEmail;
        await f.Joins.DecideByLinkAsync(MailLinks.TokenWith(Assert.Single(await f.MailsToAsync(admin)).Body, "action=approve"), JoinDecision.Approve);
        return (f, Assert.Single(await f.Members.ListAsync()));
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_member_is_asked_every_four_months_reminded_flagged_then_suspended_and_the_admin_contact_and_committee_told(SqlDialect dialect)
    {
        var (f, member) = await WithMemberAsync(dialect);
        await using var _ = f;
        var admin = (await f.Requests.ListAsync()).Single().AdminEmail;
        var mailsBefore = (await f.MailsAsync()).Count;

        f.Clock.Advance(TimeSpan.FromDays(119));
        Assert.Equal(new ReverificationRun(0, 0, 0, 0, 0, 0), await f.Reverifications.RunAsync());
        f.Clock.Set(member.VerifiedAt!.Value.AddMonths(4));
        Assert.Equal(1, (await f.Reverifications.RunAsync()).Requested);
        Assert.Equal(new ReverificationRun(0, 0, 0, 0, 0, 0), await f.Reverifications.RunAsync());
        var request = Assert.Single(await f.MailsToAsync("wanjiru@kenic.or.ke"), m => m.Subject.Contains("confirmer vos coordonnées", StringComparison.Ordinal));
        Assert.Contains("+254204450057", request.Body, StringComparison.Ordinal);

        f.Clock.Advance(TimeSpan.FromDays(7));
        Assert.Equal(1, (await f.Reverifications.RunAsync()).Reminded);
        f.Clock.Advance(TimeSpan.FromDays(7));
        Assert.Equal(1, (await f.Reverifications.RunAsync()).Flagged);
        var repository = await f.Repository.BuildAsync();
        Assert.True(repository.CcTlds.Single().Contacts.Single().Unverified);
        Assert.Contains(await f.MailsToAsync(admin), m => m.Body.Contains("wanjiru@kenic.or.ke", StringComparison.Ordinal) && m.Body.Contains("unverified", StringComparison.Ordinal));
        Assert.Contains(await f.MailsToAsync("committee@tld-ops.example"), m => m.Body.Contains("unverified", StringComparison.Ordinal));

        f.Clock.Advance(TimeSpan.FromDays(7));
        Assert.Equal(1, (await f.Reverifications.RunAsync()).Reminded);
        f.Clock.Advance(TimeSpan.FromDays(9));
        Assert.Equal(1, (await f.Reverifications.RunAsync()).Suspended);
        Assert.Equal(MemberStatus.Suspended, (await f.Members.FindAsync(member.PublicId))!.Status);
        Assert.Contains(await f.MailsToAsync("committee@tld-ops.example"), m => m.Body.Contains("suspended", StringComparison.Ordinal));
        Assert.Equal(["reverify-requested", "reverify-reminded", "member-flagged-unverified", "reverify-reminded", "member-suspended"],
            (await f.Audit.ListAsync(subject: "member:" + member.PublicId)).OrderBy(r => r.Id).Select(r => r.Action).Where(a => a != "member-added"));
        Assert.True((await f.MailsAsync()).Count > mailsBefore);
    }

    [Theory, SqliteData, PostgresData]
    public async Task While_nobody_holds_a_committee_role_its_notices_go_to_the_people_standing_in(SqlDialect dialect)
    {
        // Regression: a fresh installation sent them to the list's -owner address only, where the
        // list engine drops automatic mail; serve now gives the Lists:OwnerAddresses people here.
        var options = new VettingOptions
        {
            RequestAddress = "tld-ops-request@tld-ops.example",
            ListAddress = "tld-ops@tld-ops.example",
            CommitteeAddress = "tld-ops-owner@tld-ops.example",
            CommitteeStandIns = ["chair@nic.example", "deputy@nic.example"],
            PublicUrl = "https://portal.tld-ops.example",
        };
        var (f, member) = await WithMemberAsync(dialect, options);
        await using var _ = f;

        f.Clock.Set(member.VerifiedAt!.Value.AddMonths(4));
        Assert.Equal(1, (await f.Reverifications.RunAsync()).Requested);
        f.Clock.Advance(TimeSpan.FromDays(7));
        Assert.Equal(1, (await f.Reverifications.RunAsync()).Reminded);
        f.Clock.Advance(TimeSpan.FromDays(7));
        Assert.Equal(1, (await f.Reverifications.RunAsync()).Flagged);

        var notice = Assert.Single(await f.MailsToAsync("chair@nic.example"), m => m.Body.Contains("unverified", StringComparison.Ordinal));
        Assert.Single(await f.MailsToAsync("deputy@nic.example"), m => m.Subject == notice.Subject && m.Body == notice.Body);
        Assert.Empty(await f.MailsToAsync("tld-ops-owner@tld-ops.example"));
    }

    [Fact]
    public void A_stand_in_must_be_an_address()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new VettingOptions { CommitteeStandIns = ["not an address"] }.Validate());
        Assert.Contains("Vetting:CommitteeStandIns", error.Message, StringComparison.Ordinal);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Notices_for_the_committee_go_to_the_committee_and_the_secretariat_in_their_languages_and_to_nobody_else(SqlDialect dialect)
    {
        // Regression: they went to the list's -owner address, where the list engine drops automatic mail (RFC 3834).
        var (f, member) = await WithMemberAsync(dialect);
        await using var _ = f;
        f.Clock.Set(member.VerifiedAt!.Value.AddMonths(4));
        Assert.Equal(1, (await f.Reverifications.RunAsync()).Requested);
        var staff = await f.Members.AddAllAsync(
        [
            new NewMember("fr", "Camille Chair", "chair@nic.fr", null, null, MemberRole.Committee, "fr"),
            new NewMember(null, "Sam Staff", "staff@secretariat.example", null, null, MemberRole.Secretariat, "en"),
            new NewMember(null, "Lee Liaison", "liaison@ssac.example", null, null, MemberRole.Liaison, "en"),
        ]);
        Assert.True(staff.IsSuccess, staff.Problem?.Message);

        f.Clock.Advance(TimeSpan.FromDays(14));
        Assert.Equal(1, (await f.Reverifications.RunAsync()).Flagged);

        var toChair = Assert.Single(await f.MailsToAsync("chair@nic.fr"));
        var toStaff = Assert.Single(await f.MailsToAsync("staff@secretariat.example"));
        Assert.Equal(["chair@nic.fr"], toChair.Entry.RecipientList);
        Assert.Equal(("fr", "en"), (toChair.Message.Headers["Content-Language"], toStaff.Message.Headers["Content-Language"]));
        Assert.All(new[] { toChair, toStaff }, m => Assert.Contains("wanjiru@kenic.or.ke", m.Body, StringComparison.Ordinal));
        Assert.Empty(await f.MailsToAsync("liaison@ssac.example"));
        Assert.Empty(await f.MailsToAsync("committee@tld-ops.example"));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Confirming_by_link_with_corrections_updates_the_details_clears_the_flags_and_restores_a_suspended_member(SqlDialect dialect)
    {
        var (f, member) = await WithMemberAsync(dialect);
        await using var _ = f;
        f.Clock.Set(member.VerifiedAt!.Value.AddMonths(4));
        await f.Reverifications.RunAsync();
        f.Clock.Advance(TimeSpan.FromDays(31));
        await f.Reverifications.RunAsync();
        Assert.Equal(MemberStatus.Suspended, (await f.Members.FindAsync(member.PublicId))!.Status);
        var body = (await f.MailsToAsync("wanjiru@kenic.or.ke")).Last(m => m.Body.Contains("/verify?token=", StringComparison.Ordinal)).Body;
        var token = MailLinks.TokenWith(body, "/verify?token=");

        var bad = await f.Reverifications.ConfirmAsync(token, new ReverificationCorrections(MobilePhone: "0722", Language: "xx"));
        Assert.Equal(["mobilePhone", "language"], Assert.IsType<Invalid>(bad.Problem).Fields.Select(e => e.Field));

        var page = await f.Reverifications.GetPageAsync(token);
        Assert.Equal("CSIRT", page.Value.Role);
        var confirmed = await f.Reverifications.ConfirmAsync(token, new ReverificationCorrections(MobilePhone: "+254 722 000 111", Language: "en", Role: "Head of security"));

        Assert.True(confirmed.IsSuccess, confirmed.Problem?.Message);
        Assert.Equal(MemberStatus.Active, confirmed.Value.Status);
        Assert.Equal("+254722000111", confirmed.Value.MobilePhone!.E164);
        Assert.Equal("en", confirmed.Value.Language);
        Assert.Equal(f.Clock.GetUtcNow(), confirmed.Value.VerifiedAt);
        var contact = (await f.Repository.BuildAsync()).CcTlds.Single().Contacts.Single();
        Assert.False(contact.Unverified);
        Assert.Equal("Head of security", contact.Role);
        Assert.IsType<Forbidden>((await f.Reverifications.ConfirmAsync(token)).Problem);
        Assert.Contains(await f.Audit.ListAsync(subject: "member:" + member.PublicId), r => r.Action == "member-verified" && r.Authority!.EndsWith("by wanjiru@kenic.or.ke", StringComparison.Ordinal));
        Assert.Equal(new ReverificationRun(0, 0, 0, 0, 0, 0), await f.Reverifications.RunAsync());
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_bouncing_member_is_flagged_once_its_admin_contact_told_and_the_flag_cleared_when_mail_gets_through(SqlDialect dialect)
    {
        var (f, member) = await WithMemberAsync(dialect);
        await using var _ = f;
        var admin = (await f.Requests.ListAsync()).Single().AdminEmail;
        await f.DisableDeliveryAsync(member.Id, f.Clock.GetUtcNow());

        Assert.Equal(1, (await f.Reverifications.RunAsync()).BouncingFlagged);
        Assert.Equal(0, (await f.Reverifications.RunAsync()).BouncingFlagged);
        Assert.True((await f.Repository.BuildAsync()).CcTlds.Single().Contacts.Single().Bouncing);
        Assert.Single(await f.MailsToAsync(admin), m => m.Body.Contains("bounces", StringComparison.Ordinal));

        Assert.True(await f.Bounces.EnableAsync(member.Id));
        Assert.Equal(1, (await f.Reverifications.RunAsync()).BouncingCleared);
        Assert.False((await f.Repository.BuildAsync()).CcTlds.Single().Contacts.Single().Bouncing);
    }
}
