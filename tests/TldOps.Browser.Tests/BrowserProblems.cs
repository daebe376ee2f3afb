using Microsoft.Playwright;

namespace TldOps.Browser.Tests;

/// <summary>What must not happen on a page: console errors (a CSP violation shows there), script errors, failed requests, error statuses.</summary>
internal static class BrowserProblems
{
    public static List<string> Watch(IPage page, params int[] expectedStatuses)
    {
        ArgumentNullException.ThrowIfNull(page);
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !expectedStatuses.Any(s => message.Text.Contains($"status of {s}", StringComparison.Ordinal)))
            {
                problems.Add($"console: {message.Text}");
            }
        };
        page.PageError += (_, error) => problems.Add($"script: {error}");
        page.RequestFailed += (_, request) => problems.Add($"request failed: {request.Url}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && !expectedStatuses.Contains(response.Status))
            {
                problems.Add($"HTTP {response.Status}: {response.Url}");
            }
        };
        return problems;
    }
}
