using System.Globalization;
using System.Net;
using System.Resources;
using Microsoft.Extensions.DependencyInjection;
using TldOps.Core.Audit;
using TldOps.Core.Membership;
using TldOps.Core.Lists;
using TldOps.Core.Lists.Intake;
using TldOps.Core.Membership.Accounts;
using TldOps.Core.Membership.Authority;
using TldOps.Core.Membership.Joining;
using TldOps.Core.Membership.Reverification;
using TldOps.Core.Registry.Iana;
using TldOps.Mail.Mime;
using TldOps.Server.Hosting;
using TldOps.Server.Resources;
using TldOps.Server.Tests.Support;
using TldOps.Server.Tests.Web.Security;
using TldOps.Testing;

namespace TldOps.Server.Tests.Web.Vetting;

/// <summary>The public pages of vetting, over HTTP as a browser uses them.</summary>
public sealed class VettingFlowTests(SecuredPortalFixture fixture) : IClassFixture<SecuredPortalFixture>
{
    private static readonly ResourceManager Texts = new(typeof(PortalText));

    [Fact]
    public async Task A_join_request_from_the_form_is_changed_then_approved_by_the_admin_contact_link()
    {
        var admin = await AdminOfAsync("DE");
        using var requester = fixture.Visit(null);
        var (sent, sentBody, _) = await requester.PostAsync("/en/join", "/en/join",
            ("CcTld", "de"), ("RequesterName", "Rita Requester"), ("RequesterEmail", "rita@denic.example"), ("RequesterLanguage", "en"),
            ("Contacts[0].Name", "Dora Denic"), ("Contacts[0].Email", "dora@denic.example"), ("Contacts[0].OfficePhone", "+49 69 27235 0"),
            ("Contacts[0].Role", "CSIRT lead"), ("Contacts[0].Language", "en"),
            ("Contacts[1].Name", ""), ("Contacts[1].Email", ""));
        Assert.True(sent == HttpStatusCode.OK, sentBody);
        Assert.Contains("data-join-sent", sentBody, StringComparison.Ordinal);

        using var adminContact = fixture.Visit(null);
        var change = MailLinks.PathWith(await MailWithAsync(admin.Email, "action=change"), "action=change");
        var form = await adminContact.PageAsync(change);
        Assert.Equal("Dora Denic", form.QuerySelector("input[name='Contacts[0].Name']")!.GetAttribute("value"));
        var token = form.QuerySelector("input[name='token']")!.GetAttribute("value")!;

        var (bad, badBody, _) = await adminContact.PostAsync(change, "/en/join/decide?handler=Change", ("token", token),
            ("Contacts[0].Name", "Dora Denic"), ("Contacts[0].Email", "dora@denic.example"), ("Contacts[0].OfficePhone", "069 27235"), ("Contacts[0].Language", "en"));
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.Contains("id=\"contacts-0-office-error\"", badBody, StringComparison.Ordinal);

        var (done, doneBody, _) = await adminContact.PostAsync(change, "/en/join/decide?handler=Change", ("token", token),
            ("Contacts[0].Name", "Dora Denic"), ("Contacts[0].Email", "dora@denic.example"), ("Contacts[0].OfficePhone", "+49 69 27235 100"),
            ("Contacts[0].Role", "CSIRT lead"), ("Contacts[0].Language", "fr"));
        Assert.True(done == HttpStatusCode.OK, doneBody);
        Assert.Contains("data-decided=\"approved\"", doneBody, StringComparison.Ordinal);

        var member = (await fixture.Server.Services.GetRequiredService<MemberStore>().ListAsync(MemberStatus.Active)).Single(m => m.Email == "dora@denic.example");
        Assert.Equal(("de", "+4969272351" + "00", "fr"), (member.CcTld, member.OfficePhone!.E164, member.Language));
        var audit = await fixture.Server.Services.GetRequiredService<AuditLog>().ListAsync(ccTld: "de");
        Assert.Contains(audit, a => a.Authority?.StartsWith("link:", StringComparison.Ordinal) == true && a.Authority.EndsWith("by " + admin.Email, StringComparison.Ordinal));

        // The link worked once; the requester's status page says it is approved.
        Assert.Equal(HttpStatusCode.NotFound, (await adminContact.GetAsync(change)).Status);
        var status = MailLinks.PathWith(await MailWithAsync("rita@denic.example", "/join/status?token="), "/join/status?token=");
        var statusPage = await requester.PageAsync(status);
        Assert.Equal("approved", statusPage.QuerySelector("[data-state]")!.GetAttribute("data-state"));
    }

    [Fact]
    public async Task The_admin_contact_rejects_a_request_and_nobody_is_added()
    {
        var admin = await AdminOfAsync("JP");
        var submitted = await fixture.Server.Services.GetRequiredService<TldOps.Core.Membership.Joining.JoinRequestService>().SubmitAsync(new(
            "jp", [new("Jiro Example", "jiro@jprs.example", "+81 3 5215 8451")], "jiro@jprs.example"));
        Assert.True(submitted.IsSuccess, submitted.Problem?.Message);
        using var adminContact = fixture.Visit(null);
        var reject = MailLinks.PathWith(await MailWithAsync(admin.Email, "action=reject"), "action=reject");
        var page = await adminContact.PageAsync(reject);
        var token = page.QuerySelector("input[name='token']")!.GetAttribute("value")!;

        var (status, body, _) = await adminContact.PostAsync(reject, "/en/join/decide?handler=Reject", ("token", token));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("data-decided=\"rejected\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain(await fixture.Server.Services.GetRequiredService<MemberStore>().ListAsync(), m => m.Email == "jiro@jprs.example");
    }

    [Fact]
    public async Task A_member_confirms_their_details_by_the_link_and_corrects_a_phone()
    {
        // Last confirmed five months ago: due again (every four months by default).
        var services = fixture.Server.Services;
        await services.GetRequiredService<TldOps.Core.Storage.Database>().InTransactionAsync((c, t) =>
            services.GetRequiredService<MemberStore>().MarkVerifiedAsync(c, t, fixture.Seed.Member.MemberId, DateTimeOffset.UtcNow.AddMonths(-5)));
        await services.GetRequiredService<ReverificationService>().RunAsync();
        var link = MailLinks.PathWith(await MailWithAsync("zebulon.seed@nic.example", "/verify?token="), "/verify?token=");
        using var browser = fixture.Visit(null);
        var page = await browser.PageAsync(link);
        Assert.Equal("+33199990101", page.QuerySelector("input[name='OfficePhone']")!.GetAttribute("value"));
        var token = page.QuerySelector("input[name='token']")!.GetAttribute("value")!;

        var (status, body, _) = await browser.PostAsync(link, link, ("token", token), ("OfficePhone", "+33 1 99 99 01 09"), ("MobilePhone", "+33 6 99 99 01 02"), ("language", "en"), ("Title", "CSIRT"));

        Assert.True(status == HttpStatusCode.OK, body);
        Assert.Contains("data-verified=\"true\"", body, StringComparison.Ordinal);
        var member = await fixture.Server.Services.GetRequiredService<MemberStore>().FindAsync(fixture.Seed.Member.PublicId);
        Assert.Equal("+33199990109", member!.OfficePhone!.E164);
        Assert.NotNull(member.VerifiedAt);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(link)).Status);
    }

    [Fact]
    public async Task Posting_a_used_decision_link_explains_it_as_opening_it_does()
    {
        var admin = await AdminOfAsync("RU");
        var submitted = await fixture.Server.Services.GetRequiredService<JoinRequestService>().SubmitAsync(new(
            "ru", [new("Roman Example", "roman@cctld-ru.example", "+7 495 737 06 01")], "roman@cctld-ru.example"));
        Assert.True(submitted.IsSuccess, submitted.Problem?.Message);
        using var adminContact = fixture.Visit(null);
        var approve = MailLinks.PathWith(await MailWithAsync(admin.Email, "action=approve"), "action=approve");
        var page = await adminContact.PageAsync(approve);
        var token = page.QuerySelector("input[name='token']")!.GetAttribute("value")!;
        var csrf = page.QuerySelector("input[name='__csrf']")!.GetAttribute("value")!;

        // Two tabs on the same page: the request is decided in one, then a button is pressed in the other.
        var (decided, decidedBody, _) = await adminContact.PostRawAsync("/en/join/decide?handler=Reject", ("token", token), ("__csrf", csrf));
        Assert.True(decided == HttpStatusCode.OK, decidedBody);

        foreach (var language in new[] { "en", "ar" })
        {
            var (opened, openedBody, _) = await adminContact.GetAsync($"/{language}/join/decide?token={Uri.EscapeDataString(token)}&action=approve");
            Assert.Equal(HttpStatusCode.NotFound, opened);
            Assert.Equal(TextOf("LinkInvalidText", language), Explanation(openedBody).Message);
            foreach (var handler in new[] { "Approve", "Reject", "Change" })
            {
                var (posted, postedBody, _) = await adminContact.PostRawAsync($"/{language}/join/decide?handler={handler}", ("token", token), ("__csrf", csrf));

                Assert.Equal(opened, posted);
                Assert.Equal(Explanation(openedBody), Explanation(postedBody));
            }
        }

        Assert.Equal(JoinRequestState.Rejected, (await fixture.Server.Services.GetRequiredService<JoinRequestStore>().GetAsync(submitted.Value.Request.Id))!.State);
    }

    [Fact]
    public async Task Posting_an_expired_decision_link_explains_it_as_opening_it_does()
    {
        var services = fixture.Server.Services;
        var store = services.GetRequiredService<JoinRequestStore>();
        var request = (await store.ListAsync(JoinRequestState.Pending, "fr")).First();
        var tokens = services.GetRequiredService<TldOps.Core.Security.ActionTokens>();
        var expired = await services.GetRequiredService<TldOps.Core.Storage.Database>().InTransactionAsync((c, t) =>
            tokens.IssueAsync(c, t, JoinRequestService.DecisionPurpose, request.Subject, TimeSpan.FromSeconds(-60)));
        using var adminContact = fixture.Visit(null);

        foreach (var language in new[] { "en", "es" })
        {
            var (opened, openedBody, _) = await adminContact.GetAsync($"/{language}/join/decide?token={Uri.EscapeDataString(expired.Token)}&action=approve");
            Assert.Equal(HttpStatusCode.NotFound, opened);
            Assert.Equal(TextOf("LinkInvalidText", language), Explanation(openedBody).Message);

            // The antiforgery token of any form of the portal: the page was opened while the link still worked.
            var (posted, postedBody, _) = await adminContact.PostAsync($"/{language}/login", $"/{language}/join/decide?handler=Approve", ("token", expired.Token));

            Assert.Equal(opened, posted);
            Assert.Equal(Explanation(openedBody), Explanation(postedBody));
        }

        Assert.Equal(JoinRequestState.Pending, (await store.GetAsync(request.Id))!.State);
    }

    [Fact]
    public async Task Approving_over_the_ccTLD_cap_says_the_maximum_and_what_can_be_done()
    {
        var services = fixture.Server.Services;
        var admin = await AdminOfAsync("AE");
        var submitted = await services.GetRequiredService<JoinRequestService>().SubmitAsync(new("ae",
            [new("Amina Example", "amina@tdra-ae.example", "+971 4 777 4777"), new("Ali Example", "ali@tdra-ae.example", "+971 4 777 4778")],
            "amina@tdra-ae.example"));
        Assert.True(submitted.IsSuccess, submitted.Problem?.Message);
        // Meanwhile people were added for .ae another way: the two no longer fit under the cap.
        var cap = services.GetRequiredService<MembershipSettings>().MaxContactsPerCcTld;
        for (var i = 1; i < cap; i++)
        {
            var added = await services.GetRequiredService<RoleService>().AddAsync(
                new NewMember("ae", $"Aisha Example {i}", $"aisha{i}@tdra-ae.example", null, null), RoleAssignment.PlainMember, Actor.Operator);
            Assert.True(added.IsSuccess, added.Problem?.Message);
        }

        using var adminContact = fixture.Visit(null);
        var approve = MailLinks.PathWith(await MailWithAsync(admin.Email, "action=approve"), "action=approve");
        var page = await adminContact.PageAsync(approve);
        var token = page.QuerySelector("input[name='token']")!.GetAttribute("value")!;
        var csrf = page.QuerySelector("input[name='__csrf']")!.GetAttribute("value")!;
        var display = (await services.GetRequiredService<JoinRequestService>().GetDecisionPageAsync(token)).Value.CcTldDisplay;

        foreach (var language in new[] { "en", "ar" })
        {
            var (status, body, _) = await adminContact.PostRawAsync($"/{language}/join/decide?handler=Approve", ("token", token), ("__csrf", csrf));

            Assert.Equal(HttpStatusCode.Conflict, status);
            var culture = CultureInfo.GetCultureInfo(language);
            Assert.Equal(string.Format(culture, TextOf("DecideTooMany", language), display, cap, cap - 1), Explanation(body).Message);
            // The decision page stays, so that the admin contact can reject.
            Assert.NotNull(Visitor.Parse(body).QuerySelector("button[data-decision='reject']"));
            if (language == "en")
            {
                Assert.Contains($"the maximum is {cap}, and {display} already has {cap - 1}", Explanation(body).Message, StringComparison.Ordinal);
            }
        }

        Assert.DoesNotContain(await services.GetRequiredService<MemberStore>().ListAsync(), m => m.Email == "amina@tdra-ae.example");

        // Nothing was decided, so the same link still rejects.
        var (rejected, rejectedBody, _) = await adminContact.PostRawAsync("/en/join/decide?handler=Reject", ("token", token), ("__csrf", csrf));
        Assert.True(rejected == HttpStatusCode.OK, rejectedBody);
        Assert.Contains("data-decided=\"rejected\"", rejectedBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "its IANA administrative contact is not known here")]
    [InlineData("fr", "son contact administratif IANA")]
    public async Task A_join_for_a_ccTLD_whose_admin_contact_is_not_imported_says_so_in_the_page_language(string language, string expected)
    {
        using var requester = fixture.Visit(null);
        var (status, body, _) = await requester.PostAsync($"/{language}/join", $"/{language}/join",
            ("CcTld", "ca"), ("RequesterName", "Carl Requester"), ("RequesterEmail", "carl@cira.example"), ("RequesterLanguage", "en"),
            ("Contacts[0].Name", "Chloe Cira"), ("Contacts[0].Email", "chloe@cira.example"), ("Contacts[0].OfficePhone", "+1 613 237 5335"),
            ("Contacts[0].Language", "en"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, body, StringComparison.Ordinal);
        Assert.Empty(await fixture.Server.Services.GetRequiredService<JoinRequestStore>().ListAsync(ccTld: "ca"));
    }

    [RequiresFact("python3=python3")]
    public async Task A_join_from_the_form_is_decided_by_replies_to_the_request_address_through_the_list_listener()
    {
        var admin = await AdminOfAsync("BR");
        using var requester = fixture.Visit(null);
        var (sent, sentBody, _) = await requester.PostAsync("/en/join", "/en/join",
            ("CcTld", "br"), ("RequesterName", "Sergio Requester"), ("RequesterEmail", "sergio@registro.example"), ("RequesterLanguage", "en"),
            ("Contacts[0].Name", "Sandra Silva"), ("Contacts[0].Email", "sandra@registro.example"), ("Contacts[0].OfficePhone", "+55 11 5509 3500"),
            ("Contacts[0].Role", "Incident handler"), ("Contacts[0].Language", "en"));
        Assert.True(sent == HttpStatusCode.OK, sentBody);
        var request = Assert.Single(await fixture.Server.Services.GetRequiredService<JoinRequestStore>().ListAsync(ccTld: "br"));
        using var folder = new TempDirectory();
        await File.WriteAllBytesAsync(folder.Combine("request.eml"), (await MailWithAsync(admin.Email, "action=approve")).ToArray());

        // Someone else answers the request mail: refused, audited, nobody added.
        ReplyWithSmtplib(folder.Combine("request.eml"), "mallory@evil.example", "reply-by-mallory@evil.example");
        var audit = fixture.Server.Services.GetRequiredService<AuditLog>();
        await ListPoster.WaitForAsync(async () => (await audit.ListAsync(subject: request.Subject)).FirstOrDefault(a => a.Action == "join-decision-refused"), "the stranger's answer to be refused");
        Assert.Equal(JoinRequestState.Pending, (await fixture.Server.Services.GetRequiredService<JoinRequestStore>().GetAsync(request.Id))!.State);

        // The admin contact's mail program answers "approve" on top of the quoted request.
        ReplyWithSmtplib(folder.Combine("request.eml"), admin.Email, "reply-by-admin@registro.example");
        var approved = await ListPoster.WaitForAsync(async () => (await audit.ListAsync(subject: request.Subject)).FirstOrDefault(a => a.Action == "join-approved"), "the admin contact's answer to be applied");

        Assert.Equal($"message:<reply-by-admin@registro.example> from {admin.Email}", approved.Authority);
        Assert.Contains(await fixture.Server.Services.GetRequiredService<MemberStore>().ListAsync(MemberStatus.Active), m => m.Email == "sandra@registro.example" && m.CcTld == "br");
        Assert.Contains(await audit.ListAsync(subject: request.Subject), a => a.Action == "join-decision-refused" && a.Authority!.EndsWith("from mallory@evil.example", StringComparison.Ordinal));
    }

    // Python's email package and smtplib reply to a stored request mail through the list's SMTP listener.
    private void ReplyWithSmtplib(string requestFile, string from, string messageId)
    {
        const string Script = """
            import sys, smtplib, email
            from email import policy
            from email.message import EmailMessage
            original = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=policy.default)
            reply = EmailMessage()
            reply["From"] = sys.argv[2]
            reply["To"] = original["Reply-To"] or original["From"]
            reply["Subject"] = "Re: " + str(original["Subject"])
            reply["Message-ID"] = "<" + sys.argv[3] + ">"
            reply["In-Reply-To"] = original["Message-ID"]
            quoted = "\n".join("> " + line for line in original.get_body(("plain",)).get_content().splitlines())
            reply.set_content("Approve.\n\nOn Monday, TLD-OPS wrote:\n" + quoted + "\n")
            with smtplib.SMTP("127.0.0.1", int(sys.argv[4]), timeout=30) as smtp:
                smtp.send_message(reply, from_addr=sys.argv[2], to_addrs=[sys.argv[5]])
            """;
        var services = fixture.Server.Services;
        var port = services.GetRequiredService<ListListener>().BoundEndpoints[0].EndPoint.Port.ToString(CultureInfo.InvariantCulture);
        var python = PythonModule.Find("smtplib") ?? RealComponent.Require("python3", "python3");
        var (exit, output, error) = PythonModule.Run(python, ["-c", Script, requestFile, from, messageId, port, services.GetRequiredService<ListOptions>().Addresses.Request], TimeSpan.FromSeconds(60));
        Assert.True(exit == 0, output + error);
    }

    private static string TextOf(string key, string language) =>
        Texts.GetString(key, CultureInfo.GetCultureInfo(language)) ?? throw new InvalidOperationException($"No text {key}.");

    // What the page says: its heading and the message of the form.
    private static (string? Title, string? Message) Explanation(string body)
    {
        var document = Visitor.Parse(body);
        return (document.QuerySelector("h1")?.TextContent.Trim(), document.QuerySelector(".message-error")?.TextContent.Trim());
    }

    private async Task<AdminContact> AdminOfAsync(string tld)
    {
        var services = fixture.Server.Services;
        Assert.Empty((await services.GetRequiredService<IanaImporter>().ImportFilesAsync([SharedCorpus.PathOf("iana-whois", tld)])).Errors);
        return (await services.GetRequiredService<AdminContactDirectory>().FindAsync(tld.ToLowerInvariant()))!;
    }

    private async Task<MimeMessage> MailWithAsync(string recipient, string marker)
    {
        foreach (var mail in await fixture.Seed.MailsToAsync(recipient))
        {
            if (MailLinks.Text(mail).Contains(marker, StringComparison.Ordinal))
            {
                return mail;
            }
        }

        throw new InvalidOperationException($"No mail to {recipient} with {marker}.");
    }
}
