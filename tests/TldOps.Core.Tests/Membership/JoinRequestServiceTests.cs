using TldOps.Core.Common;
using TldOps.Core.Membership;
using TldOps.Core.Membership.Joining;
using TldOps.Core.Storage;
using TldOps.Testing;

namespace TldOps.Core.Tests.Membership;

public sealed class JoinRequestServiceTests
{
    [Theory, SqliteData, PostgresData]
    public async Task A_join_request_mails_the_IANA_admin_contact_in_its_language_with_links_and_the_requester_a_status_link(SqlDialect dialect)
    {
        await using var f = await VettingFixture.CreateAsync(dialect);
        var submitted = await f.Joins.SubmitAsync(VettingFixture.Form(".fr", "nic.fr", 2));

        Assert.True(submitted.IsSuccess, submitted.Problem?.Message);
        var request = submitted.Value.Request;
        Assert.Equal("fr", request.CcTld);
        Assert.Equal("tld-admin@nic.fr", request.AdminEmail);
        Assert.Equal("fr", request.AdminLanguage);

        var toAdmin = Assert.Single(await f.MailsToAsync("tld-admin@nic.fr"));
        Assert.Contains($"[TLD-OPS #{request.DecisionTokenId}]", toAdmin.Subject, StringComparison.Ordinal);
        Assert.Contains("attend votre décision", toAdmin.Subject, StringComparison.Ordinal);
        Assert.Contains("contact2@nic.fr", toAdmin.Body, StringComparison.Ordinal);
        foreach (var action in new[] { "approve", "change", "reject" })
        {
            Assert.Contains($"https://portal.tld-ops.example/fr/join/decide?token=", toAdmin.Body, StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(MailLinks.TokenWith(toAdmin.Body, "action=" + action)));
        }

        Assert.Equal("auto-generated", toAdmin.Message.Headers["Auto-Submitted"]);
        Assert.Equal("tld-ops-request@tld-ops.example", Assert.IsType<TldOps.Mail.Addresses.MailboxAddress>(toAdmin.Message.From[0]).Address);
        var toRequester = Assert.Single(await f.MailsToAsync("requester@example.org"));
        Assert.Contains(submitted.Value.StatusUrl, toRequester.Body, StringComparison.Ordinal);
        Assert.Contains(await f.Audit.ListAsync(subject: request.Subject), r => r.Action == "join-requested");
    }

    [Theory]
    [InlineData("рф", "xn--p1ai", "ru-adm@cctld.ru", "ru")]
    [InlineData("CL", "cl", "admincl@nic.cl", "es")]
    [InlineData(".eg", "eg", "admin@egregistry.eg", "ar")]
    [InlineData("cn", "cn", null, "zh")]
    [InlineData("KE", "ke", null, "en")]
    public async Task The_cctld_is_read_in_any_spelling_and_the_admin_contact_written_to_in_its_country_s_language(string typed, string code, string? adminEmail, string language)
    {
        await using var f = await VettingFixture.CreateAsync(SqlDialect.Sqlite);
        var submitted = await f.Joins.SubmitAsync(VettingFixture.Form(typed, "example." + code.Replace("xn--", "x", StringComparison.Ordinal)));

        Assert.True(submitted.IsSuccess, submitted.Problem?.Message);
        Assert.Equal(code, submitted.Value.Request.CcTld);
        Assert.Equal(language, submitted.Value.Request.AdminLanguage);
        if (adminEmail is not null)
        {
            Assert.Equal(adminEmail, submitted.Value.Request.AdminEmail);
        }

        var mail = Assert.Single(await f.MailsToAsync(submitted.Value.Request.AdminEmail));
        Assert.Equal(language, mail.Message.Headers["Content-Language"]);
    }

    [Fact]
    public async Task Every_bad_field_is_reported_by_name_and_nothing_is_stored()
    {
        await using var f = await VettingFixture.CreateAsync(SqlDialect.Sqlite);
        var form = new JoinRequestForm("fr",
        [
            new JoinContactForm("", "not-an-address", "12345", null, "CSIRT", "de"),
            new JoinContactForm("Jo", "jo@nic.fr", "+33 1 39 30 83 00", null, null, "fr", "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nbroken\n-----END PGP PUBLIC KEY BLOCK-----"),
        ], "also wrong");

        var result = await f.Joins.SubmitAsync(form);

        var invalid = Assert.IsType<Invalid>(result.Problem);
        var fields = invalid.Fields.Select(e => e.Field).ToHashSet();
        Assert.Superset(new HashSet<string> { "requesterEmail", "contacts[0].name", "contacts[0].email", "contacts[0].officePhone", "contacts[0].language", "contacts[1].openPgpKey" }, fields);
        Assert.Empty(await f.MailsAsync());
        Assert.Empty(await f.Requests.ListAsync());
    }

    [Theory]
    [InlineData("zz", "not a delegated ccTLD")]
    [InlineData("", "missing")]
    [InlineData("jp", "not known here yet")]
    public async Task A_cctld_that_is_not_delegated_or_has_no_imported_admin_contact_is_refused(string ccTld, string reason)
    {
        await using var f = await VettingFixture.CreateAsync(SqlDialect.Sqlite);
        var result = await f.Joins.SubmitAsync(VettingFixture.Form(ccTld, "nic.example"));

        var error = Assert.Single(Assert.IsType<Invalid>(result.Problem).Fields, e => e.Field == "ccTld");
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_fourth_contact_is_refused_counting_pending_requests_unless_the_committee_grants_an_exception(SqlDialect dialect)
    {
        await using var f = await VettingFixture.CreateAsync(dialect);
        Assert.True((await f.Joins.SubmitAsync(VettingFixture.Form("fr", "nic.fr", 2))).IsSuccess);
        Assert.True((await f.Joins.SubmitAsync(VettingFixture.Form("fr", "nic.fr", 1, kind: JoinRequestKind.Add, first: 3))).IsSuccess);

        var fourth = await f.Joins.SubmitAsync(VettingFixture.Form("fr", "nic.fr", 1, kind: JoinRequestKind.Add, first: 4));

        var tooMany = Assert.IsType<TooManyContacts>(fourth.Problem);
        Assert.Equal(3, tooMany.Limit);
        Assert.Equal(3, tooMany.Current);
        Assert.Equal(2, (await f.Requests.ListAsync()).Count);

        var granted = await f.CapExceptions.GrantAsync(".fr", 4, "Large registry with a 24/7 NOC", "member:committee1", "cli");
        Assert.True(granted.IsSuccess);
        Assert.True((await f.Joins.SubmitAsync(VettingFixture.Form("fr", "nic.fr", 1, kind: JoinRequestKind.Add, first: 4))).IsSuccess);
        Assert.Contains(await f.Audit.ListAsync(ccTld: "fr"), r => r.Action == "cap-exception-granted" && r.Authority == "cli");
    }

    [Theory, SqliteData, PostgresData]
    public async Task Approval_by_link_adds_the_members_verified_audits_the_link_and_the_link_works_once(SqlDialect dialect)
    {
        await using var f = await VettingFixture.CreateAsync(dialect);
        var request = (await f.Joins.SubmitAsync(VettingFixture.Form("fr", "nic.fr", 2))).Value.Request;
        var token = MailLinks.TokenWith(Assert.Single(await f.MailsToAsync("tld-admin@nic.fr")).Body, "action=approve");

        var page = await f.Joins.GetDecisionPageAsync(token);
        Assert.True(page.IsSuccess, page.Problem?.Message);
        Assert.Equal(2, page.Value.Request.Contacts.Count);

        var decided = await f.Joins.DecideByLinkAsync(token, JoinDecision.Approve);

        Assert.True(decided.IsSuccess, decided.Problem?.Message);
        Assert.Equal(JoinRequestState.Approved, decided.Value.State);
        var members = (await f.Members.ListAsync(MemberStatus.Active)).Where(m => m.CcTld == "fr").ToList();
        Assert.Equal(["contact1@nic.fr", "contact2@nic.fr"], members.Select(m => m.Email).Order());
        Assert.All(members, m => Assert.Equal(f.Clock.GetUtcNow(), m.VerifiedAt));
        Assert.Equal("+33139308301", members.Single(m => m.Email == "contact1@nic.fr").OfficePhone!.E164);
        var audit = await f.Audit.ListAsync(ccTld: "fr");
        var approved = Assert.Single(audit, r => r.Action == "join-approved");
        Assert.Matches(@"^link:[A-Za-z0-9_-]+ by tld-admin@nic\.fr$", approved.Authority);
        Assert.Equal(2, audit.Count(r => r.Action == "member-added" && r.Authority == approved.Authority));

        var again = await f.Joins.DecideByLinkAsync(token, JoinDecision.Reject);
        Assert.IsType<Forbidden>(again.Problem);
        Assert.Contains(await f.MailsToAsync("requester@example.org"), m => m.Subject.Contains("approved", StringComparison.Ordinal));
        Assert.Equal(JoinRequestState.Approved, (await f.Requests.GetAsync(request.Id))!.State);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Change_then_approve_applies_the_contacts_as_the_admin_contact_edited_them(SqlDialect dialect)
    {
        await using var f = await VettingFixture.CreateAsync(dialect);
        await f.Joins.SubmitAsync(VettingFixture.Form("fr", "nic.fr", 2));
        var token = MailLinks.TokenWith(Assert.Single(await f.MailsToAsync("tld-admin@nic.fr")).Body, "action=change");

        var decided = await f.Joins.DecideByLinkAsync(token, JoinDecision.Approve,
            [new JoinContactForm("Contact One (CERT-FR)", "contact1@nic.fr", "+33 1 39 30 83 01", null, "Head of CERT", "fr")]);

        Assert.True(decided.IsSuccess, decided.Problem?.Message);
        var member = Assert.Single(await f.Members.ListAsync(MemberStatus.Active), m => m.CcTld == "fr");
        Assert.Equal("Contact One (CERT-FR)", member.Name);
        Assert.Equal("fr", member.Language);
        Assert.Contains("\"edited\":true", Assert.Single(await f.Audit.ListAsync(ccTld: "fr"), r => r.Action == "join-approved").Detail, StringComparison.Ordinal);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Rejection_by_link_adds_nobody_and_tells_the_requester(SqlDialect dialect)
    {
        await using var f = await VettingFixture.CreateAsync(dialect);
        await f.Joins.SubmitAsync(VettingFixture.Form("fr", "nic.fr", 1));
        var token = MailLinks.TokenWith(Assert.Single(await f.MailsToAsync("tld-admin@nic.fr")).Body, "action=reject");

        var decided = await f.Joins.DecideByLinkAsync(token, JoinDecision.Reject);

        Assert.Equal(JoinRequestState.Rejected, decided.Value.State);
        Assert.Empty(await f.Members.ListAsync());
        Assert.Contains(await f.MailsToAsync("requester@example.org"), m => m.Subject.Contains("rejected", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("AAAAAAAAAAAA.1900000000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("")]
    public async Task A_forged_or_malformed_link_decides_nothing(string token)
    {
        await using var f = await VettingFixture.CreateAsync(SqlDialect.Sqlite);
        await f.Joins.SubmitAsync(VettingFixture.Form("fr", "nic.fr", 1));

        Assert.IsType<Forbidden>((await f.Joins.DecideByLinkAsync(token, JoinDecision.Approve)).Problem);
        Assert.Empty(await f.Members.ListAsync());
    }

    [Theory, SqliteData, PostgresData]
    public async Task Reminders_go_out_at_7_and_21_days_with_fresh_links_and_the_request_expires_at_30(SqlDialect dialect)
    {
        await using var f = await VettingFixture.CreateAsync(dialect);
        var request = (await f.Joins.SubmitAsync(VettingFixture.Form("fr", "nic.fr", 1))).Value.Request;
        var firstLink = MailLinks.TokenWith(Assert.Single(await f.MailsToAsync("tld-admin@nic.fr")).Body, "action=approve");

        f.Clock.Advance(TimeSpan.FromDays(6));
        Assert.Equal((0, 0), await f.Joins.RunRemindersAsync());
        f.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal((1, 0), await f.Joins.RunRemindersAsync());
        Assert.Equal((0, 0), await f.Joins.RunRemindersAsync());
        f.Clock.Advance(TimeSpan.FromDays(14));
        Assert.Equal((1, 0), await f.Joins.RunRemindersAsync());

        var toAdmin = await f.MailsToAsync("tld-admin@nic.fr");
        Assert.Equal(3, toAdmin.Count);
        Assert.All(toAdmin.Skip(1), m => Assert.StartsWith("Rappel", m.Body, StringComparison.Ordinal));
        Assert.NotEqual(firstLink, MailLinks.TokenWith(toAdmin[2].Body, "action=approve"));
        Assert.True((await f.Joins.GetDecisionPageAsync(firstLink)).IsSuccess, "the first mail's link still works until one is used");

        f.Clock.Advance(TimeSpan.FromDays(9));
        Assert.Equal((0, 1), await f.Joins.RunRemindersAsync());
        Assert.Equal(JoinRequestState.Expired, (await f.Requests.GetAsync(request.Id))!.State);
        Assert.IsType<Forbidden>((await f.Joins.DecideByLinkAsync(firstLink, JoinDecision.Approve)).Problem);
        Assert.Contains(await f.MailsToAsync("requester@example.org"), m => m.Subject.Contains("expired", StringComparison.Ordinal));
        Assert.Equal(["join-requested", "join-reminded", "join-reminded", "join-expired"], (await f.Audit.ListAsync(subject: request.Subject)).OrderBy(r => r.Id).Select(r => r.Action));
    }

    [Fact]
    public async Task The_status_page_shows_the_state_and_history_to_the_holder_of_the_status_link()
    {
        await using var f = await VettingFixture.CreateAsync(SqlDialect.Sqlite);
        var submission = (await f.Joins.SubmitAsync(VettingFixture.Form("fr", "nic.fr", 1))).Value;
        var statusToken = MailLinks.TokenOf(submission.StatusUrl);
        await f.Joins.DecideByLinkAsync(MailLinks.TokenWith(Assert.Single(await f.MailsToAsync("tld-admin@nic.fr")).Body, "action=approve"), JoinDecision.Approve);

        var status = await f.Joins.GetStatusAsync(statusToken);

        Assert.True(status.IsSuccess, status.Problem?.Message);
        Assert.Equal(JoinRequestState.Approved, status.Value.State);
        Assert.Equal(".fr", status.Value.CcTldDisplay);
        Assert.Equal(["join-requested", "join-approved"], status.Value.History.Select(h => h.Action));
        Assert.IsType<Forbidden>((await f.Joins.GetStatusAsync(statusToken + "x")).Problem);
        Assert.IsType<Forbidden>((await f.Joins.GetStatusAsync(MailLinks.TokenWith(Assert.Single(await f.MailsToAsync("tld-admin@nic.fr")).Body, "action=approve"))).Problem);
    }
}
