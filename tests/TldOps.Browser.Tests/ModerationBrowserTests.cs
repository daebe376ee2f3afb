using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TldOps.Core.Lists.Held;
using TldOps.Core.Membership;
using TldOps.Core.Membership.Accounts;
using TldOps.Core.Registry;
using TldOps.Mail.Mime;
using TldOps.Testing;

namespace TldOps.Browser.Tests;

/// <summary>
/// Moderation in Chromium, in English and in Arabic: a stranger's post comes in through the
/// host's SMTP listener and is held; a committee member logs in with the mailed link (read from
/// the smarthost sink) and a TOTP code, reads the rule trace, approves; the post reaches the
/// members through the sink and is in the archive.
/// </summary>
public sealed class ModerationBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [RequiresTheory("chromium=chromium")]
    [InlineData("en", "Resolver timeouts in the north")]
    [InlineData("ar", "انقطاع في خوادم الأسماء")]
    public async Task A_held_post_is_approved_after_reading_its_trace_and_reaches_the_list_and_the_archive(string language, string subject)
    {
        var browser = await fixture.BrowserAsync();
        await browser.ClearCookiesAsync();
        var services = fixture.Services;
        var (moderator, secret) = await AddModeratorAsync($"moderator-{language}@nic.example", language);
        var word = "kiwano" + language;
        await ListPosting.PostAsync(services, $"outsider-{language}@elsewhere.example", null, subject, $"Is anyone else seeing this? Marker {word}.");
        var held = await WaitForHeldAsync(subject);
        var page = await browser.NewPageAsync();
        var problems = BrowserProblems.Watch(page);
        try
        {
            await page.GotoAsync($"/{language}/login");
            await page.Locator("#email").FillAsync(moderator.Email);
            await page.Locator("main form button[type=submit]").ClickAsync();
            await page.Locator("[data-sent]").WaitForAsync();
            var login = await ListMail.DeliveredAsync(fixture.Sink, moderator.Email, m => MailLinks.Text(m).Contains("/login/link?token=", StringComparison.Ordinal), "login link");
            await page.GotoAsync(MailLinks.PathWith(login, "/login/link?token="));
            await page.Locator("main form button[type=submit]").ClickAsync();
            await page.ArriveAsync(new Regex($"/{language}/login/code"));
            await page.Locator("#code").FillAsync(Totp.Compute(secret, Totp.StepAt(DateTimeOffset.UtcNow)));
            await page.Locator("main form button[type=submit]").ClickAsync();
            await page.ArriveAsync(url => !url.Contains("/login", StringComparison.Ordinal));

            await page.Locator($".site-nav a[href='/{language}/committee']").ClickAsync();
            await page.Locator($"a[href='/{language}/committee/held']").First.ClickAsync();
            await page.Locator($"tr[data-post='{held.Id}'] a").First.ClickAsync();
            await page.ArriveAsync(new Regex($"/{language}/committee/held/{held.Id}$"));
            Assert.Equal(language == "ar" ? "rtl" : "ltr", await page.EvaluateAsync<string>("getComputedStyle(document.documentElement).direction"));
            Assert.Equal("true", await page.Locator("tr[data-rule='not-member']").GetAttributeAsync("data-hit"));
            Assert.Equal(8, await page.Locator("table[data-table=trace] tbody tr").CountAsync());
            Assert.Contains(word, await page.Locator("[data-message-text]").InnerTextAsync(), StringComparison.Ordinal);
            await BrowserFixture.ScreenshotAsync(page, $"held-post-{language}");
            await page.Locator("button[data-decision=approve]").ClickAsync();
            await page.Locator("[data-decided=approved]").WaitForAsync();

            // Every active member gets a copy (with the list's headers, unlike the committee's held notice); the moderator is one.
            var copy = await ListMail.DeliveredAsync(fixture.Sink, moderator.Email,
                m => m.Headers["List-Id"] is not null && m.Subject?.Contains(subject, StringComparison.Ordinal) == true, "copy of the approved post");
            Assert.Contains(word, MailLinks.Text(copy), StringComparison.Ordinal);
            Assert.NotNull(copy.Headers["Archived-At"]);

            await page.Locator($".site-nav a[href='/{language}/archive']").ClickAsync();
            await page.Locator("#q").FillAsync(word);
            await page.Locator("main form[role=search] button[type=submit]").ClickAsync();
            await page.Locator("[data-search-results] li[data-message] a").First.ClickAsync();
            await page.ArriveAsync(new Regex($"/{language}/archive/thread/\\d+"));
            Assert.Contains(word, await page.Locator("[data-message-text]").First.InnerTextAsync(), StringComparison.Ordinal);
            await BrowserFixture.ScreenshotAsync(page, $"archive-thread-{language}");
            Assert.Empty(problems);
        }
        catch (TimeoutException ex)
        {
            await BrowserFixture.ScreenshotAsync(page, $"failed-moderation-{language}");
            throw new TimeoutException($"{ex.Message} at {page.Url}: {string.Join("; ", problems)}", ex);
        }
        finally
        {
            await page.CloseAsync();
            await browser.ClearCookiesAsync();
        }
    }

    // A committee member with TOTP on, confirmed with the previous step's code so that the current one is free for the login.
    private async Task<(Account Account, byte[] Secret)> AddModeratorAsync(string email, string language)
    {
        var services = fixture.Services;
        await services.GetRequiredService<CcTldStore>().SyncReferenceDataAsync(CcTldCatalog.Shipped);
        var added = await services.GetRequiredService<RoleService>().AddAsync(
            new NewMember("nl", language == "ar" ? "ليلى المشرفة" : "Maud Moderator", email, null, null, MemberRole.Committee, language),
            RoleAssignment.Committee(CommitteePosition.Member), Actor.Operator);
        Assert.True(added.IsSuccess, added.Problem?.Message);
        var totp = services.GetRequiredService<TotpService>();
        var enrolment = (await totp.GetOrBeginAsync(added.Value)).Value;
        Assert.True(Base32.TryDecode(enrolment.SecretText, out var secret));
        Assert.True((await totp.ConfirmAsync(added.Value, Totp.Compute(secret, Totp.StepAt(DateTimeOffset.UtcNow) - 1), Actor.Operator)).IsSuccess);
        return (added.Value, secret);
    }

    private async Task<HeldMessage> WaitForHeldAsync(string subject)
    {
        var held = fixture.Services.GetRequiredService<HeldMessageService>();
        for (var i = 0; i < 300; i++)
        {
            if ((await held.ListAsync()).FirstOrDefault(h => h.Post.Subject == subject) is { } found)
            {
                return found;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"'{subject}' was not held.");
    }
}
