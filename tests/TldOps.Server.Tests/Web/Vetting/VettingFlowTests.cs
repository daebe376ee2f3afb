using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TldOps.Core.Audit;
using TldOps.Core.Membership;
using TldOps.Core.Membership.Authority;
using TldOps.Core.Membership.Reverification;
using TldOps.Core.Registry.Iana;
using TldOps.Mail.Mime;
using TldOps.Server.Tests.Support;
using TldOps.Server.Tests.Web.Security;
using TldOps.Testing;

namespace TldOps.Server.Tests.Web.Vetting;

/// <summary>The public pages of vetting, over HTTP as a browser uses them.</summary>
public sealed class VettingFlowTests(SecuredPortalFixture fixture) : IClassFixture<SecuredPortalFixture>
{
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
        var change = PathWith(await MailWithAsync(admin.Email, "action=change"), "action=change");
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
        var status = PathWith(await MailWithAsync("rita@denic.example", "/join/status?token="), "/join/status?token=");
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
        var reject = PathWith(await MailWithAsync(admin.Email, "action=reject"), "action=reject");
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
        var link = PathWith(await MailWithAsync("zebulon.seed@nic.example", "/verify?token="), "/verify?token=");
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
            if (Text(mail).Contains(marker, StringComparison.Ordinal))
            {
                return mail;
            }
        }

        throw new InvalidOperationException($"No mail to {recipient} with {marker}.");
    }

    private static string PathWith(MimeMessage message, string marker)
    {
        var text = Text(message);
        var at = text.IndexOf(marker, StringComparison.Ordinal);
        var start = text.LastIndexOf("http", at, StringComparison.Ordinal);
        var end = text.IndexOfAny(['\r', '\n', ' ', '>'], at);
        return new Uri(text[start..(end < 0 ? text.Length : end)]).PathAndQuery;
    }

    private static string Text(MimeMessage message) =>
        message.EnumerateEntities().OfType<MimePart>().FirstOrDefault(p => p.ContentType.MediaType == "text")?.GetText()
        ?? ((MimePart)message.Body).GetText();
}
