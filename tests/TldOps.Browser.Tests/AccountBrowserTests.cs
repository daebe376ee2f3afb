using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TldOps.Core.Membership;
using TldOps.Core.Membership.Accounts;
using TldOps.Core.Registry;
using TldOps.Testing;

namespace TldOps.Browser.Tests;

/// <summary>A member's login in Chromium: the link by mail, then setting up TOTP from the secret the page shows, then a login with the code.</summary>
public sealed class AccountBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [RequiresTheory("chromium=chromium", "zbarimg=zbar-tools")]
    [InlineData("en")]
    [InlineData("ar")]
    public async Task A_member_logs_in_by_link_sets_up_TOTP_and_logs_in_again_with_a_code(string language)
    {
        var browser = await fixture.BrowserAsync();
        await browser.ClearCookiesAsync();
        var email = $"browser-{language}@nic.example";
        await AddMemberAsync(email, language);
        var page = await browser.NewPageAsync();
        var problems = BrowserProblems.Watch(page);
        try
        {
            await LogInByLinkAsync(page, language, email);
            await page.ArriveAsync(new Regex($"/{language}/account$"));
            Assert.Equal(language == "ar" ? "rtl" : "ltr", await page.EvaluateAsync<string>("getComputedStyle(document.documentElement).direction"));

            await page.Locator($"a[href='/{language}/account/totp']").First.ClickAsync();
            await page.ArriveAsync(new Regex($"/{language}/account/totp$"));
            Assert.True(await page.Locator("svg.qr").IsVisibleAsync());
            var shown = await page.Locator("[data-totp-secret]").InnerTextAsync();
            Assert.True(Base32.TryDecode(shown, out var secret), shown);
            // What a phone's camera reads from the QR code, decoded by a real QR reader (zbar).
            var scanned = await ScanQrAsync(page, language);
            Assert.StartsWith($"otpauth://totp/TLD-OPS:{Uri.EscapeDataString(email)}?", scanned, StringComparison.Ordinal);
            Assert.Contains("secret=" + Base32.Encode(secret), scanned, StringComparison.Ordinal);
            Assert.Contains("issuer=TLD-OPS", scanned, StringComparison.Ordinal);
            await page.Locator("#code").FillAsync(Totp.Compute(secret, Totp.StepAt(DateTimeOffset.UtcNow)));
            await page.Locator("form button[type=submit]").Last.ClickAsync();
            await page.Locator("[data-recovery-codes]").WaitForAsync();
            Assert.Equal(10, await page.Locator("[data-recovery-codes] li").CountAsync());
            await BrowserFixture.ScreenshotAsync(page, $"totp-recovery-{language}");

            await page.Locator(".account-nav button").ClickAsync();
            await page.ArriveAsync(url => url.EndsWith($"/{language}/", StringComparison.Ordinal));
            await page.Locator($"a[href='/{language}/login']").First.WaitForAsync();
            Assert.Equal(0, await page.Locator(".account-nav button").CountAsync());

            await LogInByLinkAsync(page, language, email);
            await page.ArriveAsync(new Regex($"/{language}/login/code"));
            await BrowserFixture.ScreenshotAsync(page, $"login-code-{language}");
            // The step after the one used to confirm: the same code is never accepted twice.
            await page.Locator("#code").FillAsync(Totp.Compute(secret, Totp.StepAt(DateTimeOffset.UtcNow) + 1));
            await page.Locator("main form button[type=submit]").ClickAsync();
            await page.ArriveAsync(new Regex($"/{language}/account$"));
            Assert.Equal("on", await page.Locator("[data-totp]").GetAttributeAsync("data-totp"));
            Assert.Empty(problems);
        }
        catch (TimeoutException ex)
        {
            await BrowserFixture.ScreenshotAsync(page, $"failed-{language}");
            throw new TimeoutException($"{ex.Message} at {page.Url}: {string.Join("; ", problems)}", ex);
        }
        finally
        {
            await page.CloseAsync();
            await browser.ClearCookiesAsync();
        }
    }

    private static async Task<string> ScanQrAsync(IPage page, string language)
    {
        Directory.CreateDirectory(BrowserFixture.ScreenshotFolder);
        var image = Path.Combine(BrowserFixture.ScreenshotFolder, $"totp-qr-{language}.png");
        await page.Locator("svg.qr").ScreenshotAsync(new LocatorScreenshotOptions { Path = image });
        using var zbar = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(RealComponent.Require("zbarimg", "zbar-tools"), ["--raw", "-q", image])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var output = await zbar.StandardOutput.ReadToEndAsync(timeout.Token);
            await zbar.WaitForExitAsync(timeout.Token);
            Assert.True(zbar.ExitCode == 0, $"zbarimg exit {zbar.ExitCode}: {await zbar.StandardError.ReadToEndAsync(timeout.Token)}");
            return output.Trim();
        }
        finally
        {
            if (!zbar.HasExited)
            {
                zbar.Kill(entireProcessTree: true);
            }
        }
    }

    private async Task LogInByLinkAsync(IPage page, string language, string email)
    {
        await page.GotoAsync($"/{language}/login");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.Locator("[data-sent]").WaitForAsync();
        var mail = await PortalMail.LatestToAsync(fixture.Services, email, "/login/link?token=");
        // The newest link: an earlier login's link is used up.
        var path = MailLinks.PathWith(mail, "/login/link?token=");
        await page.GotoAsync(path);
        await page.Locator("main form button[type=submit]").ClickAsync();
    }

    private async Task AddMemberAsync(string email, string language)
    {
        var services = fixture.Services;
        await services.GetRequiredService<CcTldStore>().SyncReferenceDataAsync(CcTldCatalog.Shipped);
        var added = await services.GetRequiredService<RoleService>().AddAsync(
            new NewMember("fr", language == "ar" ? "سلمى المثال" : "Sam Example", email, null, null, MemberRole.Member, language),
            RoleAssignment.PlainMember, Actor.Operator);
        Assert.True(added.IsSuccess, added.Problem?.Message);
    }
}
