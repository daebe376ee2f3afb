using System.Net;
using System.Resources;
using System.Text.Json;
using System.Text.RegularExpressions;
using TldOps.Core.Common;
using TldOps.Server.Resources;
using TldOps.Server.Tests.Support;
using TldOps.Server.Web;

namespace TldOps.Server.Tests.Web;

public sealed partial class PortalHttpTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalServer Server => fixture.Server;

    public static TheoryData<string, string> PagesInEveryLanguage()
    {
        var data = new TheoryData<string, string>();
        foreach (var language in Language.All)
        {
            foreach (var path in PortalPages.Paths)
            {
                data.Add(language, path);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PagesInEveryLanguage))]
    public async Task Every_page_is_served_in_every_language_with_its_lang_and_direction(string language, string path)
    {
        using var response = await Server.Client.GetAsync(new Uri(PortalLanguage.PageUrl(language, path), UriKind.Relative));
        var document = PortalPages.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(language, document.DocumentElement.GetAttribute("lang"));
        Assert.Equal(language == Language.Arabic ? "rtl" : "ltr", document.DocumentElement.GetAttribute("dir"));
        Assert.Equal([language], response.Content.Headers.ContentLanguage);
        Assert.Single(document.QuerySelectorAll("h1"));
        Assert.EndsWith("· TLD-OPS", document.Title, StringComparison.Ordinal);
        var switcher = document.QuerySelectorAll(".language-switcher a[data-language]");
        Assert.Equal(Language.All, switcher.Select(a => a.GetAttribute("data-language")));
        Assert.Equal(PortalLanguage.OwnNames.Values, switcher.Select(a => a.TextContent));
        Assert.Equal(language, Assert.Single(switcher, a => a.GetAttribute("aria-current") == "true").GetAttribute("data-language"));
    }

    [Theory]
    [MemberData(nameof(PagesInEveryLanguage))]
    public async Task No_English_text_leaks_into_another_language(string language, string path)
    {
        if (language == Language.English)
        {
            return;
        }

        var text = PortalPages.ReadableText(PortalPages.Parse(await Server.GetStringAsync(PortalLanguage.PageUrl(language, path))));

        var leaks = EnglishFragments().Where(f => Regex.IsMatch(text, $@"(?<!\w){Regex.Escape(f)}(?!\w)")).ToList();
        Assert.True(leaks.Count == 0, $"English on {language}{path}: {string.Join(" | ", leaks)}");
    }

    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    [InlineData("es")]
    [InlineData("ru")]
    [InlineData("zh")]
    [InlineData("ar")]
    public async Task The_coverage_page_shows_what_the_JSON_says(string language)
    {
        var document = PortalPages.Parse(await Server.GetStringAsync(PortalLanguage.PageUrl(language, "/coverage")));
        var jsonUrl = document.QuerySelector("a[type='application/json']")?.GetAttribute("href");
        Assert.Equal(language == Language.English ? "/api/coverage" : $"/api/coverage?language={language}", jsonUrl);
        using var json = JsonDocument.Parse(await Server.GetStringAsync(jsonUrl!));
        var root = json.RootElement;

        var figures = PortalPages.SummaryFigures(document);
        Assert.Equal(["members", "memberCcTlds", "delegatedCcTlds", "missingCcTlds"], figures.Keys);
        foreach (var (key, value) in figures)
        {
            Assert.Equal(root.GetProperty(key).GetInt32(), value);
        }

        Assert.Equal(FigureValues(root), PortalPages.RegionFigures(document, "all"));
        foreach (var region in root.GetProperty("regions").EnumerateArray())
        {
            Assert.Equal(FigureValues(region), PortalPages.RegionFigures(document, region.GetProperty("region").GetString()!));
        }

        var shown = document.QuerySelectorAll("li[data-cctld]")
            .Select(li => (li.GetAttribute("data-cctld"), li.QuerySelector(".label")!.TextContent, li.QuerySelector(".name")!.TextContent))
            .ToList();
        var listed = root.GetProperty("missing").EnumerateArray()
            .Select(m => (m.GetProperty("code").GetString(), m.GetProperty("cctld").GetString()!, m.GetProperty("name").GetString()!))
            .ToList();
        Assert.Equal(listed, shown);
        var denominator = document.GetElementById("denominator")!.TextContent;
        Assert.Contains(root.GetProperty("delegatedCcTlds").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), denominator, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_figures_count_the_ccTLDs_and_the_imported_people_but_never_show_them()
    {
        using var json = JsonDocument.Parse(await Server.GetStringAsync("/api/coverage"));
        var root = json.RootElement;

        Assert.Equal(12, root.GetProperty("delegatedCcTlds").GetInt32());
        Assert.Equal(10, root.GetProperty("asciiCcTlds").GetInt32());
        Assert.Equal(2, root.GetProperty("idnCcTlds").GetInt32());
        Assert.Equal(2, root.GetProperty("memberCcTlds").GetInt32());
        Assert.Equal(3, root.GetProperty("members").GetInt32());
        Assert.Equal(10, root.GetProperty("missingCcTlds").GetInt32());
        Assert.DoesNotContain(root.GetProperty("missing").EnumerateArray(), m => m.GetProperty("code").GetString() is "fr" or "xn--p1ai");

        var home = PortalPages.Parse(await Server.GetStringAsync("/en/"));
        Assert.Equal(3, PortalPages.SummaryFigures(home)["members"]);
        Assert.Equal(12, PortalPages.SummaryFigures(home)["delegatedCcTlds"]);
        foreach (var path in new[] { "/en/", "/en/coverage", "/api/coverage" })
        {
            var body = await Server.GetStringAsync(path);
            Assert.DoesNotContain("nic.example", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Ada Example", body, StringComparison.Ordinal);
            Assert.DoesNotContain("+33", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_missing_list_names_countries_in_the_pages_language()
    {
        var arabic = PortalPages.Parse(await Server.GetStringAsync("/ar/coverage"));
        var germany = arabic.QuerySelector("li[data-cctld='de']")!;
        Assert.Equal("ألمانيا", germany.QuerySelector(".name")!.TextContent);
        Assert.Equal(".de", germany.QuerySelector("bdi.label")!.TextContent);
        Assert.Equal("europe", germany.Closest("section[data-region]")!.GetAttribute("data-region"));

        var chinese = PortalPages.Parse(await Server.GetStringAsync("/zh/coverage"));
        Assert.Equal("阿拉伯联合酋长国", chinese.QuerySelector("li[data-cctld='xn--mgbaam7a8h'] .name")!.TextContent);
        Assert.Equal(".امارات", chinese.QuerySelector("li[data-cctld='xn--mgbaam7a8h'] .label")!.TextContent);
        Assert.Equal(["africa", "asia-pacific", "europe", "latin-america-caribbean", "north-america"],
            chinese.QuerySelectorAll("section.missing-region").Select(s => s.GetAttribute("data-region")));
    }

    [Fact]
    public async Task Every_link_on_every_page_leads_somewhere()
    {
        var targets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var language in Language.All)
        {
            foreach (var path in PortalPages.Paths)
            {
                var document = PortalPages.Parse(await Server.GetStringAsync(PortalLanguage.PageUrl(language, path)));
                targets.UnionWith(document.QuerySelectorAll("a[href], link[href]").Select(e => e.GetAttribute("href")!));
            }
        }

        // Nothing external (no CDN, no third party): local paths, or anchors on the same page.
        Assert.All(targets, t => Assert.True(t.StartsWith('/') && !t.StartsWith("//", StringComparison.Ordinal) || t == "#main", t));
        foreach (var target in targets.Where(t => !t.StartsWith('#')))
        {
            using var response = await Server.Client.GetAsync(new Uri(target, UriKind.Relative));
            var status = response.StatusCode;
            if (status == HttpStatusCode.Redirect)
            {
                using var followed = await Server.Client.GetAsync(response.Headers.Location);
                status = followed.StatusCode;
            }

            Assert.True(status == HttpStatusCode.OK, $"{target}: {(int)status}");
        }
    }

    [Theory]
    [InlineData("ru-RU,ru;q=0.9,en;q=0.5", "ru")]
    [InlineData("zh-CN,zh;q=0.9", "zh")]
    [InlineData("zh-TW", "zh")]
    [InlineData("fr-CA", "fr")]
    [InlineData("de-DE,es;q=0.8", "es")]
    [InlineData("de-DE", "en")]
    [InlineData("", "en")]
    public async Task Without_a_language_in_the_address_Accept_Language_decides(string acceptLanguage, string expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/coverage");
        if (acceptLanguage.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }

        using var response = await Server.Client.SendAsync(request);
        var document = PortalPages.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, document.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Accept-Language", string.Join(",", response.Headers.Vary), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cookie_beats_Accept_Language_and_the_address_beats_both()
    {
        static HttpRequestMessage Request(string path)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.TryAddWithoutValidation("Accept-Language", "ru");
            request.Headers.TryAddWithoutValidation("Cookie", $"{PortalLanguage.CookieName}=c%3Dar%7Cuic%3Dar");
            return request;
        }

        using var cookie = await Server.Client.SendAsync(Request("/"));
        var byCookie = PortalPages.Parse(await cookie.Content.ReadAsStringAsync());
        Assert.Equal("ar", byCookie.DocumentElement.GetAttribute("lang"));
        Assert.Equal("rtl", byCookie.DocumentElement.GetAttribute("dir"));

        using var address = await Server.Client.SendAsync(Request("/es/coverage"));
        Assert.Equal("es", PortalPages.Parse(await address.Content.ReadAsStringAsync()).DocumentElement.GetAttribute("lang"));
        Assert.Empty(address.Headers.Vary);
    }

    [Theory]
    [InlineData("/language/fr?return=%2Fcoverage", "/fr/coverage")]
    [InlineData("/language/ar?return=%2Fes%2Fcoverage", "/ar/coverage")]
    [InlineData("/language/zh?return=%2F", "/zh/")]
    [InlineData("/language/ru", "/ru/")]
    [InlineData("/language/es?return=%2F%2Fevil.example%2F", "/es/")]
    [InlineData("/language/es?return=https%3A%2F%2Fevil.example%2F", "/es/")]
    [InlineData("/language/es?return=%2F%5Cevil.example", "/es/")]
    public async Task The_switcher_remembers_the_language_and_returns_to_the_page(string switchUrl, string location)
    {
        using var response = await Server.Client.GetAsync(new Uri(switchUrl, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(location, response.Headers.Location?.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        var language = location.Split('/')[1];
        Assert.StartsWith($"{PortalLanguage.CookieName}=c%3D{language}%7Cuic%3D{language};", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_unknown_language_is_not_found()
    {
        await Server.GetStringAsync("/language/de?return=%2F", HttpStatusCode.NotFound);
        await Server.GetStringAsync("/de/coverage", HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/fr/coverage")]
    [InlineData("/api/coverage")]
    [InlineData("/nowhere")]
    public async Task Security_headers_are_on_every_response(string path)
    {
        using var response = await Server.Client.GetAsync(new Uri(path, UriKind.Relative));
        var headers = response.Headers;

        Assert.Equal(SecurityHeadersMiddleware.ContentSecurityPolicy, string.Join(",", headers.GetValues("Content-Security-Policy")));
        Assert.Contains("default-src 'self'", SecurityHeadersMiddleware.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", SecurityHeadersMiddleware.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(headers.GetValues("X-Frame-Options")));
        Assert.False(headers.Contains("Server"));
    }

    [Fact]
    public async Task Pages_have_no_inline_script_or_style()
    {
        foreach (var language in Language.All)
        {
            foreach (var path in PortalPages.Paths)
            {
                var document = PortalPages.Parse(await Server.GetStringAsync(PortalLanguage.PageUrl(language, path)));
                Assert.Empty(document.QuerySelectorAll("script, style, [style]"));
                Assert.All(document.All, e => Assert.DoesNotContain(e.Attributes, a => a.Name.StartsWith("on", StringComparison.Ordinal)));
            }
        }
    }

    [Theory]
    [MemberData(nameof(PagesInEveryLanguage))]
    public async Task The_name_TLD_OPS_is_never_split_across_lines(string language, string path)
    {
        var document = PortalPages.Parse(await Server.GetStringAsync(PortalLanguage.PageUrl(language, path)));

        var texts = TextNodes(document.Body!).Where(t => t.Data.Contains("TLD-OPS", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(texts);
        Assert.All(texts, t => Assert.True(
            t.ParentElement!.ClassList.Contains("nowrap") || t.ParentElement.ClassList.Contains("brand-name"),
            $"'{t.Data}' in <{t.ParentElement.LocalName} class='{t.ParentElement.ClassName}'>"));
    }

    [Fact]
    public async Task The_stylesheet_is_served_with_a_validator_and_cached_for_its_version()
    {
        var href = PortalPages.Parse(await Server.GetStringAsync("/en/")).QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;

        using var response = await Server.Client.GetAsync(new Uri(href, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var etag = response.Headers.ETag!;
        Assert.Contains("margin-inline", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var again = new HttpRequestMessage(HttpMethod.Get, "/assets/portal.css");
        again.Headers.IfNoneMatch.Add(etag);
        using var revalidated = await Server.Client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.True(revalidated.Headers.CacheControl?.NoCache);

        await Server.GetStringAsync("/assets/missing.css", HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/fr/nowhere", "fr")]
    [InlineData("/ar/coverage/more", "ar")]
    [InlineData("/nowhere", "en")]
    public async Task An_unknown_page_is_a_localised_404(string path, string language)
    {
        var document = PortalPages.Parse(await Server.GetStringAsync(path, HttpStatusCode.NotFound));

        Assert.Equal(language, document.DocumentElement.GetAttribute("lang"));
        Assert.Equal(Text("NotFoundTitle", language), document.QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task The_API_answers_problems_as_problem_details()
    {
        using var response = await Server.Client.GetAsync(new Uri("/api/coverage?region=mars&language=xx", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("invalid", problem.RootElement.GetProperty("code").GetString());
        Assert.True(problem.RootElement.GetProperty("fields").TryGetProperty("region", out _));
        Assert.True(problem.RootElement.GetProperty("fields").TryGetProperty("language", out _));

        await Server.GetStringAsync("/api/nowhere", HttpStatusCode.NotFound);
        using var africa = JsonDocument.Parse(await Server.GetStringAsync("/api/coverage?region=af"));
        Assert.Equal("africa", africa.RootElement.GetProperty("region").GetString());
        Assert.Equal("africa", Assert.Single(africa.RootElement.GetProperty("regions").EnumerateArray()).GetProperty("region").GetString());
    }

    private static IEnumerable<AngleSharp.Dom.IText> TextNodes(AngleSharp.Dom.INode node) =>
        node is AngleSharp.Dom.IText text ? [text] : node.ChildNodes.SelectMany(TextNodes);

    private static Dictionary<string, int> FigureValues(JsonElement element) =>
        new[] { "delegatedCcTlds", "asciiCcTlds", "idnCcTlds", "memberCcTlds", "members", "missingCcTlds" }
            .ToDictionary(k => k, k => element.GetProperty(k).GetInt32());

    private static string Text(string key, string language) =>
        new ResourceManager(typeof(PortalText)).GetString(key, System.Globalization.CultureInfo.GetCultureInfo(language))!;

    /// <summary>
    /// The clauses of every English text (split at placeholders and punctuation), at least four
    /// characters long, that are not universal: a translation that kept one English sentence shows.
    /// </summary>
    private static IReadOnlyList<string> EnglishFragments()
    {
        var set = new ResourceManager(typeof(PortalText)).GetResourceSet(System.Globalization.CultureInfo.InvariantCulture, true, false)!;
        return set.Cast<System.Collections.DictionaryEntry>()
            .SelectMany(e => Clause().Split((string)e.Value!))
            .Select(f => f.Trim(' ', ','))
            .Where(f => f.Length >= 4 && !PortalTextTests.Universal.Contains(f))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    [GeneratedRegex(@"\{\d+\}|[.:;!?()]")]
    private static partial Regex Clause();
}
