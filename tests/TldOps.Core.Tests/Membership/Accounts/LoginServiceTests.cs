using TldOps.Core.Membership;
using TldOps.Core.Membership.Accounts;
using TldOps.Core.Storage;
using TldOps.Core.Storage.Queues;
using TldOps.Testing;

namespace TldOps.Core.Tests.Membership.Accounts;

public sealed class LoginServiceTests
{
    [Theory, SqliteData, PostgresData]
    public async Task A_member_gets_a_link_in_the_alert_lane_in_their_language(SqlDialect dialect)
    {
        await using var f = await AccountsFixture.CreateAsync(dialect);
        await f.AddAsync("ada@nic.fr", language: "fr", name: "Adèle Exemple");

        var request = await f.Login.RequestLinkAsync("  ada@NIC.FR ");

        var (entry, message) = Assert.Single(await f.MailsAsync());
        Assert.Equal(QueuePriority.Alert, entry.Priority);
        Assert.Equal(["ada@nic.fr"], entry.RecipientList);
        Assert.Equal("Votre lien de connexion à TLD-OPS", message.Subject);
        Assert.Equal("auto-generated", message.Headers.Find("Auto-Submitted")?.Value);
        var link = MailLinks.First(message);
        Assert.StartsWith("https://portal.tld-ops.example/fr/login/link?token=", link, StringComparison.Ordinal);
        Assert.Contains("Adèle Exemple", ((Mail.Mime.MimePart)message.Body).GetText(), StringComparison.Ordinal);
        Assert.Contains("15 minutes", ((Mail.Mime.MimePart)message.Body).GetText(), StringComparison.Ordinal);
        Assert.Equal(43, request.BrowserNonce.Length);
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_stranger_gets_the_same_answer_and_no_mail_is_sent(SqlDialect dialect)
    {
        await using var f = await AccountsFixture.CreateAsync(dialect);
        await f.AddAsync("ada@nic.fr");
        var suspended = await f.AddAsync("old@nic.fr");
        await f.Members.SetStatusAsync(suspended.PublicId, MemberStatus.Suspended);

        var stranger = await f.Login.RequestLinkAsync("eve@evil.example");
        var junk = await f.Login.RequestLinkAsync("not an address");
        var old = await f.Login.RequestLinkAsync("old@nic.fr");

        Assert.Empty(await f.MailsAsync());
        Assert.All(new[] { stranger, junk, old }, r => Assert.Equal(43, r.BrowserNonce.Length));
        Assert.Equal(3, new[] { stranger.BrowserNonce, junk.BrowserNonce, old.BrowserNonce }.Distinct().Count());
    }

    [Theory, SqliteData, PostgresData]
    public async Task The_link_works_once_and_only_in_the_browser_that_asked(SqlDialect dialect)
    {
        await using var f = await AccountsFixture.CreateAsync(dialect);
        var ada = await f.AddAsync("ada@nic.fr");
        var request = await f.Login.RequestLinkAsync("ada@nic.fr");
        var token = MailLinks.TokenOf(MailLinks.First(Assert.Single(await f.MailsAsync()).Message));

        Assert.True(await f.Login.IsLinkUsableAsync(token));
        var elsewhere = await f.Login.UseLinkAsync(token, "another-browser-nonce", "agent");
        var noCookie = await f.Login.UseLinkAsync(token, null, "agent");
        var here = await f.Login.UseLinkAsync(token, request.BrowserNonce, "agent");
        var again = await f.Login.UseLinkAsync(token, request.BrowserNonce, "agent");

        Assert.Equal(LoginFailure.OtherBrowser, elsewhere.Failure);
        Assert.Equal(LoginFailure.OtherBrowser, noCookie.Failure);
        Assert.True(here.Succeeded);
        Assert.Equal(SessionStage.Complete, here.Session!.Stage);
        Assert.Equal(LoginFailure.LinkNotValid, again.Failure);
        Assert.Equal(ada.PublicId, (await f.Sessions.ResolveAsync(here.Session.Secret))!.Account.PublicId);
    }

    [Theory, SqliteData, PostgresData]
    public async Task An_expired_or_forged_link_does_not_log_in(SqlDialect dialect)
    {
        await using var f = await AccountsFixture.CreateAsync(dialect);
        await f.AddAsync("ada@nic.fr");
        var request = await f.Login.RequestLinkAsync("ada@nic.fr");
        var token = MailLinks.TokenOf(MailLinks.First(Assert.Single(await f.MailsAsync()).Message));
        var parts = token.Split('.');
        var forged = string.Join('.', parts[0], parts[1], parts[2], new string('A', parts[3].Length));

        Assert.Equal(LoginFailure.LinkNotValid, (await f.Login.UseLinkAsync(forged, request.BrowserNonce, null)).Failure);
        f.Clock.Advance(f.Options.LoginLinkLifetime);
        Assert.False(await f.Login.IsLinkUsableAsync(token));
        Assert.Equal(LoginFailure.LinkNotValid, (await f.Login.UseLinkAsync(token, request.BrowserNonce, null)).Failure);
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_member_suspended_after_asking_cannot_use_the_link(SqlDialect dialect)
    {
        await using var f = await AccountsFixture.CreateAsync(dialect);
        var ada = await f.AddAsync("ada@nic.fr");
        var request = await f.Login.RequestLinkAsync("ada@nic.fr");
        var token = MailLinks.TokenOf(MailLinks.First(Assert.Single(await f.MailsAsync()).Message));

        await f.Members.SetStatusAsync(ada.PublicId, MemberStatus.Suspended);

        Assert.Equal(LoginFailure.NotActive, (await f.Login.UseLinkAsync(token, request.BrowserNonce, null)).Failure);
    }

    [Theory, SqliteData, PostgresData]
    public async Task With_TOTP_the_link_leads_to_the_code_and_the_code_to_a_fresh_session(SqlDialect dialect)
    {
        await using var f = await AccountsFixture.CreateAsync(dialect);
        var (ada, secret) = await f.AddWithTotpAsync("ada@nic.fr", RoleAssignment.PlainMember);
        var request = await f.Login.RequestLinkAsync("ada@nic.fr");
        var token = MailLinks.TokenOf(MailLinks.First((await f.MailsAsync())[0].Message));

        var first = await f.Login.UseLinkAsync(token, request.BrowserNonce, null);
        Assert.Equal(SessionStage.SecondFactor, first.Session!.Stage);
        Assert.Equal(LoginFailure.WrongCode, (await f.Login.VerifySecondFactorAsync(first.Session.Secret, "000000")).Failure);
        Assert.Equal(LoginFailure.WrongCode, (await f.Login.VerifySecondFactorAsync(first.Session.Secret, "bbbbb-bbbbb")).Failure);

        var code = f.CurrentCode(secret);
        var done = await f.Login.VerifySecondFactorAsync(first.Session.Secret, code);
        Assert.True(done.Succeeded);
        Assert.Equal(SessionStage.Complete, done.Session!.Stage);
        Assert.Null(await f.Sessions.ResolveAsync(first.Session.Secret));
        Assert.Equal(ada.PublicId, (await f.Sessions.ResolveAsync(done.Session.Secret))!.Account.PublicId);
        Assert.Equal(LoginFailure.SessionEnded, (await f.Login.VerifySecondFactorAsync(first.Session.Secret, code)).Failure);
    }

    [Theory, SqliteData, PostgresData]
    public async Task The_same_code_cannot_complete_two_logins(SqlDialect dialect)
    {
        await using var f = await AccountsFixture.CreateAsync(dialect);
        var (_, secret) = await f.AddWithTotpAsync("ada@nic.fr", RoleAssignment.PlainMember);
        var sessions = new List<IssuedSession>();
        for (var i = 0; i < 2; i++)
        {
            var request = await f.Login.RequestLinkAsync("ada@nic.fr");
            var token = MailLinks.TokenOf(MailLinks.First((await f.MailsAsync())[0].Message));
            sessions.Add((await f.Login.UseLinkAsync(token, request.BrowserNonce, null)).Session!);
        }

        var code = f.CurrentCode(secret);
        Assert.True((await f.Login.VerifySecondFactorAsync(sessions[0].Secret, code)).Succeeded);
        Assert.Equal(LoginFailure.WrongCode, (await f.Login.VerifySecondFactorAsync(sessions[1].Secret, code)).Failure);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Committee_and_secretariat_without_TOTP_are_sent_to_enrolment(SqlDialect dialect)
    {
        await using var f = await AccountsFixture.CreateAsync(dialect);
        var staff = await f.AddAsync("staff@icann.example", null, MemberRole.Secretariat);
        var request = await f.Login.RequestLinkAsync("staff@icann.example");
        var token = MailLinks.TokenOf(MailLinks.First((await f.MailsAsync())[0].Message));

        var outcome = await f.Login.UseLinkAsync(token, request.BrowserNonce, null);
        Assert.Equal(SessionStage.Enrolment, outcome.Session!.Stage);
        Assert.Equal(LoginFailure.SessionEnded, (await f.Login.CompleteEnrolmentAsync(outcome.Session.Secret)).Failure);

        Assert.True(Base32.TryDecode((await f.Totp.GetOrBeginAsync(staff)).Value.SecretText, out var secret));
        Assert.True((await f.Totp.ConfirmAsync(staff, f.CurrentCode(secret), Actor.Of(staff, "s"))).IsSuccess);
        var complete = await f.Login.CompleteEnrolmentAsync(outcome.Session.Secret);

        Assert.Equal(SessionStage.Complete, complete.Session!.Stage);
        Assert.Equal(SessionStage.Complete, (await f.Sessions.ResolveAsync(complete.Session.Secret))!.Stage);
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_person_on_two_ccTLDs_logs_in_to_their_committee_row(SqlDialect dialect)
    {
        await using var f = await AccountsFixture.CreateAsync(dialect);
        await f.AddAsync("ada@nic.example", "fr");
        var de = await f.AddAsync("ada@nic.example", "de");
        await f.Roles.AssignAsync(de.PublicId, RoleAssignment.Committee(CommitteePosition.Chair), Actor.Operator);

        var request = await f.Login.RequestLinkAsync("ada@nic.example");
        var (entry, message) = Assert.Single(await f.MailsAsync());
        var outcome = await f.Login.UseLinkAsync(MailLinks.TokenOf(MailLinks.First(message)), request.BrowserNonce, null);

        Assert.Equal("member:" + de.PublicId + ":login", entry.Correlation);
        Assert.Equal("de", (await f.Sessions.ResolveAsync(outcome.Session!.Secret))!.Account.CcTld);
    }
}
