using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TldOps.Core.Lists.Archive;
using TldOps.Server.Tests.Support;
using TldOps.Testing;
using TldOps.Server.Tests.Web.Security;

namespace TldOps.Server.Tests.Web.Lists;

/// <summary>The archive's pages over HTTP: threads, a thread, the posted search, and what a message's text may not do to a page.</summary>
public sealed class ArchivePagesTests(SecuredPortalFixture fixture) : IClassFixture<SecuredPortalFixture>
{
    [Fact]
    public async Task A_posts_markup_is_shown_as_text_and_an_HTML_only_post_without_its_tags()
    {
        var services = fixture.Server.Services;
        var member = fixture.Seed.Member;
        await ListPosting.PostAsync(services, member.Email, member.Name, "Markup quoted in a report", "The phishing page had <script>alert('quokka')</script> and <b>bold</b> text.");
        var list = services.GetRequiredService<TldOps.Core.Lists.ListOptions>().Addresses.Posting;
        await ListPosting.PostAsync(services, member.Email, member.Name, "HTML only", string.Empty, raw:
            $"From: {member.Email}\r\nTo: {list}\r\nSubject: An HTML-only wombat report\r\nMessage-ID: <{Guid.NewGuid():N}@test.example>\r\n" +
            "MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Wombat <img src=x onerror=\"alert(2)\">sighting <a href=\"javascript:alert(3)\">here</a></p>\r\n");
        var quoted = await ArchivedAsync("quokka");
        var html = await ArchivedAsync("wombat");
        using var visitor = fixture.Visit("member");

        var (status, body, _) = await visitor.GetAsync(ThreadOf(quoted));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain("<script>alert('quokka')", body, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>bold</b>", body, StringComparison.Ordinal);
        Assert.Contains("<script>alert('quokka')</script> and <b>bold</b>", Visitor.Parse(body).QuerySelector($"#message-{quoted.Id} [data-message-text]")!.TextContent, StringComparison.Ordinal);

        var (_, htmlBody, _) = await visitor.GetAsync(ThreadOf(html));
        Assert.DoesNotContain("onerror", htmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", htmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", htmlBody, StringComparison.Ordinal);
        Assert.Contains("Wombat", Visitor.Parse(htmlBody).QuerySelector($"#message-{html.Id} [data-message-text]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Searching_finds_a_post_by_a_word_and_its_address_leads_to_it_in_its_thread()
    {
        var member = fixture.Seed.Member;
        await ListPosting.PostAsync(fixture.Server.Services, member.Email, member.Name, "Anycast node down", "Our anycast node in the xylophone region is down.");
        var message = await ArchivedAsync("xylophone");
        using var visitor = fixture.Visit("member");

        var (status, body, _) = await visitor.PostAsync("/en/archive", "/en/archive", ("q", "XYLOPHONE anycast"));

        Assert.Equal(HttpStatusCode.OK, status);
        var hit = Assert.Single(Visitor.Parse(body).QuerySelectorAll("[data-search-results] li[data-message]"));
        Assert.Equal(message.Id.ToString(CultureInfo.InvariantCulture), hit.GetAttribute("data-message"));
        Assert.Equal(ThreadOf(message) + "#message-" + message.Id.ToString(CultureInfo.InvariantCulture), hit.QuerySelector("a")!.GetAttribute("href"));
        var (_, nothing, _) = await visitor.PostAsync("/en/archive", "/en/archive", ("q", "xylophone zeppelin"));
        Assert.Empty(Visitor.Parse(nothing).QuerySelectorAll("[data-search-results] li[data-message]"));

        // The address the list's copies carry in Archived-At (no language in it) leads to the message in its thread.
        var archivedAt = fixture.Server.Services.GetRequiredService<ArchiveService>().UrlOf(message.Id)!;
        var (moved, _, response) = await visitor.GetAsync(new Uri(archivedAt).PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, moved);
        Assert.Equal(ThreadOf(message) + "#message-" + message.Id.ToString(CultureInfo.InvariantCulture), response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/en/archive/thread/987654321")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/en/archive/message/987654321")).Status);
    }

    [Fact]
    public async Task The_thread_list_shows_the_newest_conversation_first_and_links_to_it()
    {
        var member = fixture.Seed.Member;
        await ListPosting.PostAsync(fixture.Server.Services, member.Email, member.Name, "Newest conversation about kumquats", "Kumquat traffic is up.");
        var message = await ArchivedAsync("kumquat");
        using var visitor = fixture.Visit("liaison");

        var page = await visitor.PageAsync("/en/archive");

        var first = page.QuerySelector("table[data-table=threads] tbody tr")!;
        Assert.Equal(message.ThreadId.ToString(CultureInfo.InvariantCulture), first.GetAttribute("data-thread"));
        Assert.Equal(ThreadOf(message), first.QuerySelector("a")!.GetAttribute("href"));
    }

    private static string ThreadOf(ArchiveMessage message) => "/en/archive/thread/" + message.ThreadId.ToString(CultureInfo.InvariantCulture);

    private Task<ArchiveMessage> ArchivedAsync(string word) => ListPoster.WaitForAsync(
        async () => (await fixture.Server.Services.GetRequiredService<ArchiveService>().SearchAsync(word)).FirstOrDefault()?.Message,
        $"a post with '{word}' in the archive");
}
