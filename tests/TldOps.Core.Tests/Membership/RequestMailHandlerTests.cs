using TldOps.Core.Lists.Requests;
using TldOps.Core.Membership;
using TldOps.Core.Membership.Joining;
using TldOps.Core.Membership.Requests;
using TldOps.Core.Storage;
using TldOps.Testing;

namespace TldOps.Core.Tests.Membership;

public sealed class RequestMailHandlerTests
{
    [Theory, SqliteData, PostgresData]
    public async Task A_reply_from_the_admin_contact_address_approves_and_is_audited_with_the_message(SqlDialect dialect)
    {
        await using var f = await VettingFixture.CreateAsync(dialect);
        var request = (await f.Joins.SubmitAsync(VettingFixture.Form("fr", "nic.fr", 2))).Value.Request;
        var original = Assert.Single(await f.MailsToAsync("tld-admin@nic.fr"));

        var outcome = await f.Handler.HandleAsync(ReplyMail.Create("AFNIC <TLD-Admin@nic.fr>", "Re: " + original.Subject,
            "Approve\n\nOn Mon, TLD-OPS wrote:\n> reject\n> " + original.Body.Replace("\n", "\n> ", StringComparison.Ordinal), messageId: "ok-1@nic.fr"));

        Assert.Equal(RequestMailOutcome.Handled, outcome);
        Assert.Equal(JoinRequestState.Approved, (await f.Requests.GetAsync(request.Id))!.State);
        Assert.Equal(2, (await f.Members.ListAsync(MemberStatus.Active)).Count);
        var approved = Assert.Single(await f.Audit.ListAsync(subject: request.Subject), r => r.Action == "join-approved");
        Assert.Equal("message:<ok-1@nic.fr> from TLD-Admin@nic.fr", approved.Authority);
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_reply_from_another_address_with_the_admin_contact_in_Cc_counts_and_the_body_tag_is_enough(SqlDialect dialect)
    {
        await using var f = await VettingFixture.CreateAsync(dialect);
        var request = (await f.Joins.SubmitAsync(VettingFixture.Form("fr", "nic.fr", 1))).Value.Request;

        var outcome = await f.Handler.HandleAsync(ReplyMail.Create("Marie Dupont <marie.dupont@afnic.fr>", "our contacts",
            $"reject\n\nTLD-OPS #{request.DecisionTokenId}\n", cc: "tld-admin@nic.fr", messageId: "cc-1@afnic.fr"));

        Assert.Equal(RequestMailOutcome.Handled, outcome);
        var rejected = Assert.Single(await f.Audit.ListAsync(subject: request.Subject), r => r.Action == "join-rejected");
        Assert.Equal("cc:tld-admin@nic.fr on message <cc-1@afnic.fr> from marie.dupont@afnic.fr", rejected.Authority);
        Assert.Equal(JoinRequestState.Rejected, (await f.Requests.GetAsync(request.Id))!.State);
    }

    [Theory, SqliteData, PostgresData]
    public async Task An_approval_from_anyone_else_is_refused_audited_and_its_author_told(SqlDialect dialect)
    {
        await using var f = await VettingFixture.CreateAsync(dialect);
        var request = (await f.Joins.SubmitAsync(VettingFixture.Form("fr", "nic.fr", 1))).Value.Request;
        var original = Assert.Single(await f.MailsToAsync("tld-admin@nic.fr"));

        var outcome = await f.Handler.HandleAsync(ReplyMail.Create("Mallory <mallory@evil.example>", "Re: " + original.Subject, "approve\n", messageId: "evil-1@evil.example"));

        Assert.Equal(RequestMailOutcome.Handled, outcome);
        Assert.Empty(await f.Members.ListAsync());
        Assert.Equal(JoinRequestState.Pending, (await f.Requests.GetAsync(request.Id))!.State);
        var refused = Assert.Single(await f.Audit.ListAsync(subject: request.Subject), r => r.Action == "join-decision-refused");
        Assert.Equal("public:mallory@evil.example", refused.Actor);
        Assert.Equal("message:<evil-1@evil.example> from mallory@evil.example", refused.Authority);
        var notice = Assert.Single(await f.MailsToAsync("mallory@evil.example"));
        Assert.Contains("tld-admin@nic.fr", notice.Body, StringComparison.Ordinal);
        Assert.Contains("Rien n'a été modifié", notice.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_automatic_reply_carrying_the_tag_decides_nothing_and_sends_nothing()
    {
        await using var f = await VettingFixture.CreateAsync(SqlDialect.Sqlite);
        var request = (await f.Joins.SubmitAsync(VettingFixture.Form("fr", "nic.fr", 1))).Value.Request;
        var before = (await f.MailsAsync()).Count;

        var outcome = await f.Handler.HandleAsync(ReplyMail.Create("tld-admin@nic.fr", $"Absence: [TLD-OPS #{request.DecisionTokenId}]", "approve\n", autoSubmitted: "auto-replied"));

        Assert.Equal(RequestMailOutcome.Handled, outcome);
        Assert.Equal(JoinRequestState.Pending, (await f.Requests.GetAsync(request.Id))!.State);
        Assert.Equal(before, (await f.MailsAsync()).Count);
    }

    [Theory]
    [InlineData("Approve", JoinDecision.Approve)]
    [InlineData("  approved, thanks", JoinDecision.Approve)]
    [InlineData("> reject\n\nconfirm", JoinDecision.Approve)]
    [InlineData("\n\nREJECT\napprove", JoinDecision.Reject)]
    [InlineData("Hello, please approve", null)]
    [InlineData("", null)]
    public void The_keyword_is_read_from_the_first_line_that_is_not_quoted(string body, JoinDecision? expected)
    {
        Assert.Equal(expected, VettingRequestMailHandler.ReadKeyword(body));
    }

    [Fact]
    public async Task Mail_without_a_tag_or_a_request_is_not_vetting_s()
    {
        await using var f = await VettingFixture.CreateAsync(SqlDialect.Sqlite, importIana: false);
        Assert.Equal(RequestMailOutcome.NotMine, await f.Handler.HandleAsync(ReplyMail.Create("someone@example.org", "help", "help\n")));
        Assert.Equal(RequestMailOutcome.NotMine, await f.Handler.HandleAsync(ReplyMail.Create("someone@example.org", "Re: [TLD-OPS #AAAAAAAAAAAA]", "approve\n")));
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_join_request_in_the_plain_text_format_goes_to_the_admin_contact(SqlDialect dialect)
    {
        await using var f = await VettingFixture.CreateAsync(dialect);
        const string Body = """
            ccTLD: .ke
            Request: join

            Name: Wanjiru Kamau
            Email: wanjiru@kenic.or.ke
            Office phone: +254 20 4450057
            Mobile phone: +254 722 000000
            Role: Security lead
            Language: en

            Name: Otieno Odhiambo
            Email: otieno@kenic.or.ke
            Phone: +254 20 4450058

            --
            Wanjiru
            """;

        var outcome = await f.Handler.HandleAsync(ReplyMail.Create("Wanjiru Kamau <wanjiru@kenic.or.ke>", "Joining TLD-OPS", Body));

        Assert.Equal(RequestMailOutcome.Handled, outcome);
        var request = Assert.Single(await f.Requests.ListAsync());
        Assert.Equal("ke", request.CcTld);
        Assert.Equal("mail", request.Source);
        Assert.Equal("wanjiru@kenic.or.ke", request.RequesterEmail);
        Assert.Equal(["wanjiru@kenic.or.ke", "otieno@kenic.or.ke"], request.Contacts.Select(c => c.Email));
        Assert.Equal("+254722000000", request.Contacts[0].MobilePhone);
        Assert.Single(await f.MailsToAsync(request.AdminEmail));
    }

    [Fact]
    public async Task A_request_mail_with_mistakes_is_answered_with_every_mistake()
    {
        await using var f = await VettingFixture.CreateAsync(SqlDialect.Sqlite);
        const string Body = "ccTLD: .ke\nColour: blue\n\nName: A\nEmail: broken\nPhone: +254 20 4450057\n";

        var outcome = await f.Handler.HandleAsync(ReplyMail.Create("someone@kenic.or.ke", "join", Body));

        Assert.Equal(RequestMailOutcome.Handled, outcome);
        Assert.Empty(await f.Requests.ListAsync());
        var answer = Assert.Single(await f.MailsToAsync("someone@kenic.or.ke"));
        Assert.Contains("line 2: unknown field 'Colour'", answer.Body, StringComparison.Ordinal);
    }
}
