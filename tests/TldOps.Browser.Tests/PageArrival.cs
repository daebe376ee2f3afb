using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace TldOps.Browser.Tests;

/// <summary>
/// Waiting for a navigation to arrive: the address changes (the new document is committed), then
/// the new page's main element is there. Playwright's default also waits for the load event,
/// which on a busy two-core machine twice stalled past 30 s after the page itself had arrived
/// (stylesheet and icon come from the browser's cache), failing tests about something else.
/// </summary>
internal static class PageArrival
{
    private static readonly PageWaitForURLOptions Committed = new() { WaitUntil = WaitUntilState.Commit };

    public static Task ArriveAsync(this IPage page, string glob) => ArrivedAsync(page, page.WaitForURLAsync(glob, Committed));

    public static Task ArriveAsync(this IPage page, Regex address) => ArrivedAsync(page, page.WaitForURLAsync(address, Committed));

    public static Task ArriveAsync(this IPage page, Func<string, bool> address) => ArrivedAsync(page, page.WaitForURLAsync(address, Committed));

    private static async Task ArrivedAsync(IPage page, Task addressChanged)
    {
        await addressChanged;
        await page.Locator("main").First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
    }
}
