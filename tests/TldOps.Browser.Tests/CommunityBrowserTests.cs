using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TldOps.Core.Membership;
using TldOps.Core.Membership.Accounts;
using TldOps.Core.Membership.Authority;
using TldOps.Core.Registry.Iana;
using TldOps.Testing;

namespace TldOps.Browser.Tests;

/// <summary>
/// The community's paths in Chromium, in English and in Arabic: asking to join, and the admin
/// contact's approval by the mailed link.
/// </summary>
public sealed class CommunityBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [RequiresTheory("chromium=chromium")]
    [InlineData("en", "FR", "fr")]
    [InlineData("ar", "EG", "eg")]
    public async Task A_join_request_is_made_on_the_form_and_approved_by_the_admin_contact(string language, string whois, string ccTld)
    {
        var browser = await fixture.BrowserAsync();
        await browser.ClearCookiesAsync();
        var services = fixture.Services;
        Assert.Empty((await services.GetRequiredService<IanaImporter>().ImportFilesAsync([SharedCorpus.PathOf("iana-whois", whois)])).Errors);
        var admin = (await services.GetRequiredService<AdminContactDirectory>().FindAsync(ccTld))!;
        var contact = $"contact-{language}@nic.example";
        var page = await browser.NewPageAsync();
        var problems = BrowserProblems.Watch(page);
        try
        {
            await page.GotoAsync($"/{language}/join");
            Assert.Equal(language == "ar" ? "rtl" : "ltr", await page.EvaluateAsync<string>("getComputedStyle(document.documentElement).direction"));
            await page.Locator("#cctld").SelectOptionAsync(ccTld);
            await page.Locator("#RequesterName").FillAsync(language == "ar" ? "منى الطالبة" : "Rita Requester");
            await page.Locator("#RequesterEmail").FillAsync($"requester-{language}@nic.example");
            await page.Locator("#contacts-0-name").FillAsync(language == "ar" ? "أحمد المثال" : "Ada Example");
            await page.Locator("#contacts-0-email").FillAsync(contact);
            await page.Locator("#contacts-0-office").FillAsync("+33 1 39 30 83 00");
            await page.Locator("#contacts-0-role").FillAsync("CSIRT");
            await BrowserFixture.ScreenshotAsync(page, $"join-form-{language}");
            await page.Locator("main form button[type=submit]").ClickAsync();
            await page.Locator("[data-join-sent]").WaitForAsync();

            var approve = MailLinks.PathWith(await PortalMail.LatestToAsync(services, admin.Email, "action=approve"), "action=approve");
            await page.GotoAsync(approve);
            await BrowserFixture.ScreenshotAsync(page, $"join-decide-{language}");
            await page.Locator("button[data-decision=approve]").ClickAsync();
            await page.Locator("[data-decided=approved]").WaitForAsync();
            Assert.Contains(await services.GetRequiredService<MemberStore>().ListAsync(MemberStatus.Active), m => m.Email == contact && m.CcTld == ccTld);
            Assert.Empty(problems);
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
