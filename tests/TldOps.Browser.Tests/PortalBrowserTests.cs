using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TldOps.Core.Common;
using TldOps.Testing;

namespace TldOps.Browser.Tests;

public sealed class PortalBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string CookieName = "tldops-language";

    public static TheoryData<string> Languages() => new(Language.All);

    [RequiresTheory("chromium=chromium")]
    [MemberData(nameof(Languages))]
    public async Task Home_and_coverage_render_in_each_language_in_its_direction(string language)
    {
        var browser = await fixture.BrowserAsync();
        var page = await browser.NewPageAsync();
        var problems = BrowserProblems.Watch(page);
        try
        {
            foreach (var path in new[] { $"/{language}/", $"/{language}/coverage" })
            {
                var response = await page.GotoAsync(path);
                Assert.Equal(200, response?.Status);

                Assert.Equal(language, await page.EvaluateAsync<string>("document.documentElement.lang"));
                var direction = await page.EvaluateAsync<string>("getComputedStyle(document.documentElement).direction");
                Assert.Equal(language == Language.Arabic ? "rtl" : "ltr", direction);
                Assert.True(await page.Locator("h1").IsVisibleAsync(), $"{path}: no visible heading");
                // The stylesheet loaded under the Content-Security-Policy: the header has its colour.
                Assert.Equal("rgb(11, 61, 92)", await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('.site-header')).backgroundColor"));
                // In Arabic the layout mirrors: the brand sits on the right of the header.
                var brandLeft = await page.EvaluateAsync<double>("document.querySelector('.brand').getBoundingClientRect().left");
                var navLeft = await page.EvaluateAsync<double>("document.querySelector('.site-nav').getBoundingClientRect().left");
                Assert.True(language == Language.Arabic ? brandLeft > navLeft : brandLeft < navLeft, $"{path}: brand at {brandLeft}, navigation at {navLeft}");
            }

            await page.GotoAsync($"/{language}/");
            await BrowserFixture.ScreenshotAsync(page, $"home-{language}");
            Assert.Empty(problems);
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [RequiresFact("chromium=chromium")]
    public async Task The_switcher_sets_the_cookie_and_the_next_page_follows_it()
    {
        var browser = await fixture.BrowserAsync();
        await browser.ClearCookiesAsync();
        var page = await browser.NewPageAsync();
        var problems = BrowserProblems.Watch(page);
        try
        {
            await page.GotoAsync("/en/coverage");
            await page.Locator(".language-switcher a[data-language='fr']").ClickAsync();
            await page.ArriveAsync(new Regex("/fr/coverage$"));
            Assert.Equal("fr", await LanguageCookieAsync(browser));

            // An address without a language now opens in French, whatever the browser's Accept-Language says.
            await page.GotoAsync("/");
            Assert.Equal("fr", await page.EvaluateAsync<string>("document.documentElement.lang"));
            Assert.Equal("true", await page.Locator(".language-switcher a[data-language='fr']").GetAttributeAsync("aria-current"));

            await page.Locator(".language-switcher a[data-language='ar']").ClickAsync();
            await page.ArriveAsync(url => url.EndsWith("/ar/", StringComparison.Ordinal));
            Assert.Equal("ar", await LanguageCookieAsync(browser));
            await page.GotoAsync("/coverage");
            Assert.Equal("ar", await page.EvaluateAsync<string>("document.documentElement.lang"));
            Assert.Equal("rtl", await page.EvaluateAsync<string>("getComputedStyle(document.documentElement).direction"));

            // The navigation keeps the language.
            await page.Locator(".site-nav a").First.ClickAsync();
            await page.ArriveAsync(url => url.EndsWith("/ar/", StringComparison.Ordinal));
            Assert.Empty(problems);
        }
        finally
        {
            await page.CloseAsync();
            await browser.ClearCookiesAsync();
        }
    }

    private static async Task<string?> LanguageCookieAsync(IBrowserContext browser)
    {
        var cookie = (await browser.CookiesAsync()).SingleOrDefault(c => c.Name == CookieName);
        Assert.NotNull(cookie);
        Assert.True(cookie.HttpOnly);
        // ASP.NET Core's culture cookie: "c=fr|uic=fr", URL-encoded.
        var value = Uri.UnescapeDataString(cookie.Value);
        return value.Split('|').Select(p => p.Split('=')).Where(p => p[0] == "uic").Select(p => p[1]).SingleOrDefault();
    }
}
