using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TldOps.Core.Audit;
using TldOps.Core.Lists.Chains;
using TldOps.Core.Lists.Held;
using TldOps.Core.Lists.Posts;
using TldOps.Server.Tests.Support;
using TldOps.Testing;
using TldOps.Server.Tests.Web.Security;

namespace TldOps.Server.Tests.Web.Lists;

/// <summary>
/// The committee's moderation pages over HTTP, over posts that came in through the host's SMTP
/// listener: the trace, approve (the post reaches the list and the archive), reject with a
/// reason (the sender is told), discard (nobody is), and who may decide.
/// </summary>
public sealed class ModerationPagesTests(SecuredPortalFixture fixture) : IClassFixture<SecuredPortalFixture>
{
    [Fact]
    public async Task The_committee_reads_the_trace_approves_and_the_post_reaches_the_list_and_the_archive()
    {
        var held = await HoldAsync("nadia@outsider.example", "Nadia Outsider", "Resolvers under load in the region", "Are others seeing resolvers under load since 06:00 UTC?");
        using var chair = fixture.Visit("committee");

        var queue = await chair.PageAsync("/en/committee/held");
        Assert.NotNull(queue.QuerySelector($"tr[data-post='{held.Id}'] [data-rule='not-member']"));
        var page = await chair.PageAsync(PathOf(held));
        var trace = page.QuerySelectorAll("table[data-table=trace] tbody tr");
        Assert.Equal(DefaultPostingChain.Links.Select(l => l.Rule), trace.Select(r => r.GetAttribute("data-rule")));
        var hit = Assert.Single(trace, r => r.GetAttribute("data-hit") == "true");
        Assert.Equal("not-member", hit.GetAttribute("data-rule"));
        Assert.Contains("nadia@outsider.example is not a member", hit.TextContent, StringComparison.Ordinal);
        Assert.Contains("resolvers under load since 06:00 UTC", page.QuerySelector("[data-message-text]")!.TextContent, StringComparison.Ordinal);

        var (status, _, response) = await chair.PostAsync(PathOf(held), PathOf(held) + "?handler=Approve");

        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal($"/en/committee/held?decided=approved&post={held.Id}", response.Headers.Location!.OriginalString);
        var after = await chair.PageAsync(response.Headers.Location.OriginalString);
        Assert.Equal("approved", after.QuerySelector("[data-decided]")!.GetAttribute("data-decided"));
        Assert.Null(after.QuerySelector($"tr[data-post='{held.Id}']"));
        var posts = fixture.Server.Services.GetRequiredService<PostStore>();
        // Distributed, then its copies are written as the delivery runners take them.
        var sent = await ListPoster.WaitForAsync(async () => await posts.GetAsync(held.Id) is { State: PostState.Distributed, Copies: >= 4 } p ? p : null, "the approved post's copies to be queued");
        Assert.Equal(PostState.Distributed, sent.State);
        var audit = Assert.Single(await fixture.Server.Services.GetRequiredService<AuditLog>().ListAsync(subject: PipelineEntry.Correlation(held.Id)));
        Assert.Equal((fixture.Seed.Chair.Reference, "post-approved"), (audit.Actor, audit.Action));
        Assert.StartsWith("session:", audit.Authority, StringComparison.Ordinal);

        var decided = await chair.PageAsync(PathOf(held));
        Assert.Equal(HeldState.Approved, decided.QuerySelector("[data-state]")!.GetAttribute("data-state"));
        Assert.Contains(fixture.Seed.Chair.Name, decided.QuerySelector("dl.details")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(decided.QuerySelectorAll("form[method=post] button[data-decision]"));

        using var member = fixture.Visit("member");
        var results = Visitor.Parse((await member.PostAsync("/en/archive", "/en/archive", ("q", "resolvers load"))).Body);
        var link = results.QuerySelectorAll("[data-search-results] li a").Select(a => a.GetAttribute("href")!).Single(h => h.Contains("#message-", StringComparison.Ordinal));
        var thread = await member.PageAsync(link[..link.IndexOf('#', StringComparison.Ordinal)]);
        Assert.Contains("Nadia Outsider", thread.QuerySelector("article.archive-message")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_secretariat_rejects_with_a_reason_that_the_sender_is_told()
    {
        var held = await HoldAsync("oskar@outsider.example", null, "Offer of threat feeds", "Buy our threat feed.");
        using var staff = fixture.Visit("secretariat");

        var (empty, emptyBody, _) = await staff.PostAsync(PathOf(held), PathOf(held) + "?handler=Reject", ("reason", "  "));
        Assert.Equal(HttpStatusCode.BadRequest, empty);
        Assert.NotNull(Visitor.Parse(emptyBody).QuerySelector("#reason-error"));

        const string Reason = "The list is for incident response among ccTLD operators, not for offers.";
        var (status, _, response) = await staff.PostAsync(PathOf(held), PathOf(held) + "?handler=Reject", ("reason", Reason));

        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.EndsWith($"decided=rejected&post={held.Id}", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(PostState.Rejected, (await fixture.Server.Services.GetRequiredService<PostStore>().GetAsync(held.Id))!.State);
        var told = await fixture.Seed.MailsToAsync("oskar@outsider.example");
        Assert.Contains(told, m => PortalText(m).Contains(Reason, StringComparison.Ordinal));
        var audit = Assert.Single(await fixture.Server.Services.GetRequiredService<AuditLog>().ListAsync(subject: PipelineEntry.Correlation(held.Id)));
        Assert.Equal((fixture.Seed.Secretariat.Reference, "post-rejected"), (audit.Actor, audit.Action));
        Assert.Contains(Reason, audit.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_may_not_decide_a_discarded_post_tells_nobody_and_a_second_decision_is_refused()
    {
        var held = await HoldAsync("spam@outsider.example", "Spammer", "Cheap watches", "Cheap watches.");
        using var member = fixture.Visit("member");
        using var chair = fixture.Visit("committee");

        var (forbidden, _, _) = await member.PostAsync("/en/account", PathOf(held) + "?handler=Approve");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync(PathOf(held))).Status);

        var (discarded, _, _) = await chair.PostAsync(PathOf(held), PathOf(held) + "?handler=Discard");
        Assert.Equal(HttpStatusCode.Redirect, discarded);
        Assert.Equal(PostState.Discarded, (await fixture.Server.Services.GetRequiredService<PostStore>().GetAsync(held.Id))!.State);
        // The held notice only: discarding tells nobody.
        Assert.Single(await fixture.Seed.MailsToAsync("spam@outsider.example"));

        var (again, body, _) = await chair.PostAsync(PathOf(held), PathOf(held) + "?handler=Approve");
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.NotNull(Visitor.Parse(body).QuerySelector(".message-error"));
        Assert.Equal(PostState.Discarded, (await fixture.Server.Services.GetRequiredService<PostStore>().GetAsync(held.Id))!.State);
    }

    [Fact]
    public async Task A_TLP_RED_post_is_not_offered_for_approval_and_cannot_be_approved()
    {
        var held = await HoldAsync(fixture.Seed.Member.Email, fixture.Seed.Member.Name, "[TLP:RED] Names of the affected registrars", "For the committee only.");
        using var chair = fixture.Visit("committee");

        var page = await chair.PageAsync(PathOf(held));
        Assert.Equal("true", page.QuerySelector("tr[data-rule='tlp-red']")!.GetAttribute("data-hit"));
        Assert.Null(page.QuerySelector("button[data-decision=approve]"));
        Assert.NotNull(page.QuerySelector("button[data-decision=reject]"));

        var (status, _, _) = await chair.PostAsync(PathOf(held), PathOf(held) + "?handler=Approve");
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal(PostState.Held, (await fixture.Server.Services.GetRequiredService<PostStore>().GetAsync(held.Id))!.State);
    }

    [Fact]
    public async Task The_pages_answer_in_Arabic_right_to_left_with_the_rules_named_in_Arabic()
    {
        var held = await HoldAsync("rania@outsider.example", "رانيا الخارجية", "سؤال من خارج القائمة", "هل من هجوم على الخوادم؟");
        using var chair = fixture.Visit("committee");

        var page = await chair.PageAsync("/ar/committee/held/" + held.Id.ToString(CultureInfo.InvariantCulture));

        Assert.Equal("rtl", page.DocumentElement.GetAttribute("dir"));
        Assert.Contains("المرسل ليس عضوًا نشطًا", page.QuerySelector("tr[data-rule='not-member']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("هل من هجوم", page.QuerySelector("[data-message-text]")!.TextContent, StringComparison.Ordinal);
        Assert.All(page.QuerySelectorAll("form[method=post]"), f => Assert.StartsWith("/ar/", f.GetAttribute("action"), StringComparison.Ordinal));
    }

    private static string PathOf(HeldMessage held) => "/en/committee/held/" + held.Id.ToString(CultureInfo.InvariantCulture);

    private async Task<HeldMessage> HoldAsync(string from, string? name, string subject, string body)
    {
        var services = fixture.Server.Services;
        await ListPosting.PostAsync(services, from, name, subject, body);
        return await ListPoster.WaitForAsync(
            async () => (await services.GetRequiredService<HeldMessageService>().ListAsync()).FirstOrDefault(h => h.Post.Subject == subject),
            $"'{subject}' to be held");
    }

    private static string PortalText(TldOps.Mail.Mime.MimeMessage message) =>
        message.EnumerateEntities().OfType<TldOps.Mail.Mime.MimePart>().FirstOrDefault(p => p.ContentType.MediaType == "text")?.GetText()
        ?? ((TldOps.Mail.Mime.MimePart)message.Body).GetText();
}
