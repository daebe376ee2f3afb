using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace TldOps.Browser.Tests;

/// <summary>
/// Waiting for a navigation to arrive: the address changes (the new document is committed), then
/// the new page's main element is there. Playwright's default also waits for the load event,
/// which on a busy two-core machine twice stalled past 30 s after the page itself had arrived
/// (stylesheet and icon come from the browser's cache), failing tests about something else. And
/// when the address already matches (the redirect was quicker than the call), WaitForURLAsync
/// waits for that load event whatever WaitUntil says (microsoft/playwright-dotnet#3365), which
/// stalled the same way; so it is only asked when the address does not match yet.
/// </summary>
internal static class PageArrival
{
    private static readonly PageWaitForURLOptions Committed = new() { WaitUntil = WaitUntilState.Commit };

    public static Task ArriveAsync(this IPage page, Regex address) => page.ArriveAsync(address.IsMatch);

    public static async Task ArriveAsync(this IPage page, Func<string, bool> address)
    {
        if (!address(page.Url))
        {
            await page.WaitForURLAsync(address, Committed);
        }

        await page.Locator("main").First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
    }
}
