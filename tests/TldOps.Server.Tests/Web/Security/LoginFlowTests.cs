using System.Globalization;
using System.Net;
using System.Resources;
using Microsoft.Extensions.DependencyInjection;
using TldOps.Core.Membership;
using TldOps.Core.Membership.Accounts;
using TldOps.Server.Resources;
using TldOps.Server.Tests.Support;
using TldOps.Testing;

namespace TldOps.Server.Tests.Web.Security;

/// <summary>Logging in over HTTP as a browser does: the form, the mail, the link, the code.</summary>
public sealed class LoginFlowTests(SecuredPortalFixture fixture) : IClassFixture<SecuredPortalFixture>
{
    private static readonly ResourceManager Texts = new(typeof(PortalText));

    [Fact]
    public async Task A_member_logs_in_with_the_mailed_link_in_the_browser_that_asked()
    {
        var person = await AddAsync("flow1@nic.example", "Flora Flowone", "fr");
        using var browser = fixture.Visit(null);
        using var elsewhere = fixture.Visit(null);

        var (status, body, _) = await browser.PostAsync("/fr/login", "/fr/login?return=%2Fteam", ("email", "flow1@nic.example"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("data-sent=\"true\"", body, StringComparison.Ordinal);
        Assert.NotNull(browser.Cookie("tldops-login"));
        var link = MailLinks.First(Assert.Single(await fixture.Seed.MailsToAsync("flow1@nic.example")));
        var path = MailLinks.PathOf(link);
        // The mail and its link are in the member's language (English here), whatever page asked.
        Assert.StartsWith("/en/login/link?token=", path, StringComparison.Ordinal);

        // Opening the link changes nothing: a mail scanner may open it.
        var opened = await browser.PageAsync(path);
        var token = opened.QuerySelector("form input[name='token']")!.GetAttribute("value")!;
        Assert.True(await fixture.Server.Services.GetRequiredService<LoginService>().IsLinkUsableAsync(token));

        var (otherStatus, _, _) = await elsewhere.PostAsync(path, "/en/login/link", ("token", token));
        Assert.Equal(HttpStatusCode.Conflict, otherStatus);

        var (usedStatus, _, used) = await browser.PostAsync(path, "/en/login/link", ("token", token));
        Assert.Equal(HttpStatusCode.Redirect, usedStatus);
        Assert.Equal("/en/team", used.Headers.Location!.OriginalString);
        var setCookie = string.Join("\n", used.Headers.GetValues("Set-Cookie")).ToLowerInvariant();
        Assert.Contains("tldops-session=", setCookie, StringComparison.Ordinal);
        Assert.Contains("httponly", setCookie, StringComparison.Ordinal);
        Assert.Contains("samesite=lax", setCookie, StringComparison.Ordinal);
        Assert.DoesNotContain("secure", setCookie, StringComparison.Ordinal); // plain HTTP here; see PortalCookiesTests for HTTPS
        Assert.Null(browser.Cookie("tldops-login"));

        var team = WebUtility.HtmlDecode((await browser.GetAsync("/fr/team")).Body);
        Assert.Contains("Flora Flowone", team, StringComparison.Ordinal);
        var (again, _, _) = await browser.PostAsync("/fr/login", "/en/login/link", ("token", token));
        Assert.Equal(HttpStatusCode.NotFound, again);
        Assert.Equal(person.PublicId, (await fixture.Server.Services.GetRequiredService<SessionStore>().ResolveAsync(browser.Cookie("tldops-session")))!.Account.PublicId);
    }

    [Fact]
    public async Task A_stranger_gets_the_same_page_and_no_mail()
    {
        await AddAsync("flow2@nic.example", "Flavia Flowtwo", "de");
        using var member = fixture.Visit(null);
        using var stranger = fixture.Visit(null);

        var forMember = (await member.PostAsync("/en/login", "/en/login", ("email", "flow2@nic.example"))).Body;
        var forStranger = (await stranger.PostAsync("/en/login", "/en/login", ("email", "nobody@evil.example"))).Body;

        Assert.Equal(Normalise(forMember, "flow2@nic.example"), Normalise(forStranger, "nobody@evil.example"));
        Assert.NotNull(stranger.Cookie("tldops-login"));
        Assert.Single(await fixture.Seed.MailsToAsync("flow2@nic.example"));
        Assert.Empty(await fixture.Seed.MailsToAsync("nobody@evil.example"));
    }

    [Theory]
    [InlineData("en", "not an address")]
    [InlineData("en", "a@@b")]
    [InlineData("en", "zebulon.seed@nic")]
    [InlineData("ar", "a@@b")]
    [InlineData("ar", "zebulon.seed@@nic.example")]
    [InlineData("zh", "zebulon seed@nic.example")]
    public async Task An_address_the_syntax_check_refuses_gets_a_field_error_and_no_mail(string language, string typed)
    {
        using var browser = fixture.Visit(null);

        var (status, body, _) = await browser.PostAsync($"/{language}/login", $"/{language}/login", ("email", typed));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var page = Visitor.Parse(body);
        Assert.Equal(Texts.GetString("InvalidEmail", CultureInfo.GetCultureInfo(language)), page.QuerySelector("#email-error")?.TextContent.Trim());
        var input = page.QuerySelector("input#email")!;
        Assert.Equal(("true", "email-hint email-error", typed), (input.GetAttribute("aria-invalid"), input.GetAttribute("aria-describedby"), input.GetAttribute("value")));
        Assert.Null(page.QuerySelector("[data-sent]"));
        Assert.Null(browser.Cookie("tldops-login"));
        Assert.Empty(await fixture.Seed.MailsToAsync(fixture.Seed.Member.Email));
    }

    [Theory]
    [InlineData("en", "nobody@elsewhere.example")]
    [InlineData("ar", " Nobody@Elsewhere.EXAMPLE ")]
    public async Task A_valid_address_that_is_no_member_still_gets_the_neutral_answer(string language, string typed)
    {
        using var browser = fixture.Visit(null);

        var (status, body, _) = await browser.PostAsync($"/{language}/login", $"/{language}/login", ("email", typed));

        Assert.Equal(HttpStatusCode.OK, status);
        var page = Visitor.Parse(body);
        var expected = string.Format(CultureInfo.GetCultureInfo(language), Texts.GetString("LoginSentText", CultureInfo.GetCultureInfo(language))!, typed.Trim(), (int)Service<AccountOptions>().LoginLinkLifetime.TotalMinutes);
        Assert.Equal(expected, page.QuerySelector("[data-sent='true']")?.TextContent.Trim());
        Assert.Null(page.QuerySelector("#email-error"));
        Assert.NotNull(browser.Cookie("tldops-login"));
        Assert.Empty(await fixture.Seed.MailsToAsync("nobody@elsewhere.example"));
    }

    [Fact]
    public async Task With_TOTP_the_link_leads_to_the_code_page_and_a_right_code_to_the_portal()
    {
        var person = await AddAsync("flow3@nic.example", "Fiona Flowthree", "fr");
        person = await fixture.Seed.EnableTotpAsync(person);
        var secret = fixture.Seed.Secrets[person.PublicId];
        using var browser = fixture.Visit(null);
        await browser.PostAsync("/en/login", "/en/login", ("email", "flow3@nic.example"));
        var path = MailLinks.PathOf(MailLinks.First(Assert.Single(await fixture.Seed.MailsToAsync("flow3@nic.example"))));

        var (_, _, afterLink) = await browser.PostAsync(path, "/en/login/link", ("token", MailLinks.TokenOf(path)));
        Assert.StartsWith("/en/login/code", afterLink.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var halfway = browser.Cookie("tldops-session");
        var (accountStatus, _, account) = await browser.GetAsync("/en/account");
        Assert.Equal(HttpStatusCode.Redirect, accountStatus);
        Assert.Equal("/en/login/code", account.Headers.Location!.OriginalString);

        var (wrong, wrongBody, _) = await browser.PostAsync("/en/login/code", "/en/login/code", ("code", "000000"));
        Assert.Equal(HttpStatusCode.BadRequest, wrong);
        Assert.Contains("aria-invalid=\"true\"", wrongBody, StringComparison.Ordinal);

        var code = Totp.Compute(secret, Totp.StepAt(DateTimeOffset.UtcNow) + 1);
        var (right, _, done) = await browser.PostAsync("/en/login/code", "/en/login/code", ("code", code));
        Assert.Equal(HttpStatusCode.Redirect, right);
        Assert.Equal("/en/account", done.Headers.Location!.OriginalString);
        Assert.NotEqual(halfway, browser.Cookie("tldops-session"));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/en/account")).Status);
    }

    [Fact]
    public async Task Logging_out_ends_the_session_on_the_server()
    {
        var person = await AddAsync("flow4@nic.example", "Fabio Flowfour", "fr");
        var secret = await fixture.Seed.SessionAsync(person);
        using var browser = fixture.Visit(null);
        browser.Cookies.Add(browser.Address, new Cookie("tldops-session", secret, "/"));

        var (status, _, response) = await browser.PostAsync("/en/account", "/en/logout");

        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal("/en/", response.Headers.Location!.OriginalString);
        using var replay = fixture.Visit(null);
        replay.Cookies.Add(replay.Address, new Cookie("tldops-session", secret, "/"));
        Assert.Equal(HttpStatusCode.Redirect, (await replay.GetAsync("/en/account")).Status);
    }

    [Fact]
    public async Task Every_form_refuses_a_post_without_its_antiforgery_token()
    {
        using var member = fixture.Visit("member");
        using var committee = fixture.Visit("committee");
        using var anonymous = fixture.Visit(null);

        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.PostRawAsync("/en/login", ("email", "zebulon.seed@nic.example"))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await member.PostRawAsync("/en/logout")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await member.PostRawAsync("/en/account", ("OfficePhone", "+33 1 00 00 00 00"), ("language", "fr"))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await committee.PostRawAsync($"/en/committee/members/{fixture.Seed.Member.PublicId}", ("role", "committee"), ("position", "member"))).Status);
        var held = fixture.Samples["committee/held"];
        Assert.Equal(HttpStatusCode.BadRequest, (await committee.PostRawAsync($"/en/committee/held/{held}?handler=Approve")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await committee.PostRawAsync($"/en/committee/held/{held}?handler=Reject", ("reason", "no"))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await member.PostRawAsync("/en/archive", ("q", "incident"))).Status);
        Assert.Equal(TldOps.Core.Lists.Held.HeldState.Pending, (await fixture.Server.Services.GetRequiredService<TldOps.Core.Lists.Held.HeldMessageService>().GetAsync(long.Parse(held, System.Globalization.CultureInfo.InvariantCulture))).Value.Held.State);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/en/account")).Status);
        Assert.Empty(await fixture.Seed.MailsToAsync("zebulon.seed@nic.example"));
    }

    [Fact]
    public async Task The_committee_changes_a_role_and_the_secretariat_cannot()
    {
        var person = await AddAsync("flow5@nic.example", "Felix Flowfive", "de");
        var session = await fixture.Seed.SessionAsync(person);
        var page = $"/en/committee/members/{person.PublicId}";
        using var secretariat = fixture.Visit("secretariat");
        using var committee = fixture.Visit("committee");

        var (refused, _, _) = await secretariat.PostAsync(page, page, ("role", "committee"), ("position", "member"));
        Assert.Equal(HttpStatusCode.Forbidden, refused);
        Assert.Equal(MemberRole.Member, (await Accounts().FindAsync(person.PublicId))!.Role.Role);

        var (done, _, response) = await committee.PostAsync(page, page, ("role", "committee"), ("position", "member"), ("security", "true"));
        Assert.Equal(HttpStatusCode.Redirect, done);
        Assert.Equal(page + "?changed=1", response.Headers.Location!.OriginalString);
        Assert.Equal(RoleAssignment.Committee(CommitteePosition.Member, true), (await Accounts().FindAsync(person.PublicId))!.Role);
        Assert.Null(await fixture.Server.Services.GetRequiredService<SessionStore>().ResolveAsync(session));
        var history = await committee.PageAsync(page);
        var row = history.QuerySelector("tr[data-action='role-changed']");
        Assert.NotNull(row);
        Assert.Contains("member:" + fixture.Seed.Chair.PublicId, row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_edits_phones_and_language_and_the_change_is_audited()
    {
        var person = await AddAsync("flow6@nic.example", "Fanny Flowsix", "fr");
        using var browser = fixture.Visit(null);
        browser.Cookies.Add(browser.Address, new Cookie("tldops-session", await fixture.Seed.SessionAsync(person), "/"));

        var (bad, badBody, _) = await browser.PostAsync("/es/account", "/es/account", ("OfficePhone", "01 39 30 83 00"), ("MobilePhone", ""), ("language", "es"));
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.Contains("id=\"OfficePhone-error\"", badBody, StringComparison.Ordinal);

        var (ok, _, saved) = await browser.PostAsync("/es/account", "/es/account", ("OfficePhone", "+33 1 39 30 83 00"), ("MobilePhone", "+33 6 12 34 56 78"), ("language", "es"));
        Assert.Equal(HttpStatusCode.Redirect, ok);
        Assert.Equal("/es/account?saved=1", saved.Headers.Location!.OriginalString);
        var member = await fixture.Server.Services.GetRequiredService<MemberStore>().FindAsync(person.PublicId);
        Assert.Equal(("+33139308300", "+33612345678", "es"), (member!.OfficePhone!.E164, member.MobilePhone!.E164, member.Language));
        var audit = await fixture.Server.Services.GetRequiredService<TldOps.Core.Audit.AuditLog>().ListAsync(subject: person.Reference);
        Assert.Contains(audit, a => a.Action == "profile-changed" && a.Detail.Contains("officePhone", StringComparison.Ordinal));
    }

    private AccountStore Accounts() => Service<AccountStore>();

    private T Service<T>()
        where T : notnull => fixture.Server.Services.GetRequiredService<T>();

    private async Task<Account> AddAsync(string email, string name, string ccTld)
    {
        var added = await fixture.Server.Services.GetRequiredService<RoleService>()
            .AddAsync(new NewMember(ccTld, name, email, null, null), RoleAssignment.PlainMember, Actor.Operator);
        Assert.True(added.IsSuccess, added.Problem?.Message);
        return added.Value;
    }


    // The answer echoes the address typed, and carries a fresh antiforgery token: both differ by design.
    private static string Normalise(string body, string address) =>
        System.Text.RegularExpressions.Regex.Replace(body.Replace(address, "ADDRESS", StringComparison.Ordinal), "name=\"__csrf\" type=\"hidden\" value=\"[^\"]+\"", "CSRF");
}
