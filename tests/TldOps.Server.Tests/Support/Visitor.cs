using System.Net;
using AngleSharp.Dom;
using TldOps.Server.Tests.Web;

namespace TldOps.Server.Tests.Support;

/// <summary>
/// A browser-like client of the portal: keeps its cookies (session, antiforgery, login nonce),
/// never follows redirects, and posts forms with the antiforgery token read from a page, as a
/// browser would.
/// </summary>
internal sealed class Visitor : IDisposable
{
    private readonly HttpClient _client;

    public Visitor(Uri address, string? sessionSecret = null)
    {
        Cookies = new CookieContainer();
        _client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = Cookies })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(30),
        };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("TldOpsTest/1.0");
        if (sessionSecret is not null)
        {
            Cookies.Add(address, new Cookie("tldops-session", sessionSecret, "/"));
        }
    }

    public CookieContainer Cookies { get; }

    public Uri Address => _client.BaseAddress!;

    public async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> GetAsync(string path)
    {
        var response = await _client.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    /// <summary>GETs <paramref name="path"/> and fails unless the answer is 200; returns the parsed page.</summary>
    public async Task<IDocument> PageAsync(string path)
    {
        var (status, body, _) = await GetAsync(path);
        Assert.True(status == HttpStatusCode.OK, $"GET {path}: {(int)status}");
        return PortalPages.Parse(body);
    }

    /// <summary>
    /// Posts <paramref name="fields"/> to <paramref name="action"/> with the antiforgery token of
    /// the form found on <paramref name="formPage"/> (the page is fetched first, as a browser would).
    /// </summary>
    public async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> PostAsync(string formPage, string action, params (string Name, string Value)[] fields)
    {
        var document = await PageAsync(formPage);
        var token = document.QuerySelector("input[name='__csrf']")?.GetAttribute("value");
        Assert.False(token is null, $"no antiforgery token on {formPage}");
        return await PostRawAsync(action, [.. fields, ("__csrf", token!)]);
    }

    /// <summary>Posts exactly <paramref name="fields"/>, without fetching a token.</summary>
    public async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> PostRawAsync(string action, params (string Name, string Value)[] fields)
    {
        using var content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        var response = await _client.PostAsync(new Uri(action, UriKind.Relative), content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    public static IDocument Parse(string html) => PortalPages.Parse(html);

    /// <summary>The value of one of this visitor's cookies, or null.</summary>
    public string? Cookie(string name) => Cookies.GetCookies(Address).FirstOrDefault(c => c.Name == name)?.Value;

    public void Dispose() => _client.Dispose();
}
