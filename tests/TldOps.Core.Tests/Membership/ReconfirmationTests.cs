using TldOps.Core.Common;
using TldOps.Core.Lists.Requests;
using TldOps.Core.Membership;
using TldOps.Core.Membership.Joining;
using TldOps.Core.Membership.Reconfirmation;
using TldOps.Core.Registry.Iana;
using TldOps.Core.Storage;
using TldOps.Testing;

namespace TldOps.Core.Tests.Membership;

public sealed class ReconfirmationTests
{
    /// <summary>
    /// .fr's contacts approved by an older admin contact (a whois answer crafted from the corpus
    /// with another address and an earlier "changed" date), then the real answer imported.
    /// </summary>
    private static async Task<VettingFixture> WithNewAdminContactAsync(SqlDialect dialect, TempDirectory folder, Func<VettingFixture, Task>? beforeChange = null)
    {
        var f = await VettingFixture.CreateAsync(dialect, importIana: false);
        var current = await File.ReadAllTextAsync(SharedCorpus.PathOf("iana-whois", "FR"));
        var older = current
            .Replace("e-mail:       tld-admin@nic.fr", "e-mail:       old-admin@nic.fr", StringComparison.Ordinal)
            .Replace("name:         TLD Admin Contact", "name:         Former Admin", StringComparison.Ordinal)
            .Replace("changed:      2024-09-09", "changed:      2019-03-01", StringComparison.Ordinal);
        Assert.NotEqual(current, older);
        Directory.CreateDirectory(folder.Combine("old"));
        Directory.CreateDirectory(folder.Combine("new"));
        await File.WriteAllTextAsync(folder.Combine("old", "FR"), older);
        await File.WriteAllTextAsync(folder.Combine("new", "FR"), current);

        Assert.Empty((await f.Importer.ImportFilesAsync([folder.Combine("old")])).Errors);
        await f.Joins.SubmitAsync(VettingFixture.Form("fr", "nic.fr", 2));
        var approve = MailLinks.TokenWith(Assert.Single(await f.MailsToAsync("old-admin@nic.fr")).Body, "action=approve");
        Assert.True((await f.Joins.DecideByLinkAsync(approve, JoinDecision.Approve)).IsSuccess);

        if (beforeChange is not null)
        {
            await beforeChange(f);
        }

        f.Clock.Advance(TimeSpan.FromDays(10));
        Assert.Empty((await f.Importer.ImportFilesAsync([folder.Combine("new")])).Errors);
        Assert.Contains(await f.Delegations.ListEventsAsync(unhandledOnly: true), e => e.Kind == RegistryEventKinds.AdminContactChanged && e.Tld == "fr");
        return f;
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_new_admin_contact_puts_the_cctld_in_reconfirm_and_is_asked_to_confirm_its_contacts(SqlDialect dialect)
    {
        using var folder = new TempDirectory();
        await using var f = await WithNewAdminContactAsync(dialect, folder);

        Assert.Equal(1, await f.Reconfirmations.ProcessRegistryEventsAsync());
        Assert.Equal(0, await f.Reconfirmations.ProcessRegistryEventsAsync());

        Assert.Empty(await f.Delegations.ListEventsAsync(unhandledOnly: true));
        var status = Assert.Single(await f.Reconfirmations.ListAsync());
        Assert.Equal(("fr", "reconfirm", "tld-admin@nic.fr", 2, 0), (status.CcTld, status.State, status.AdminEmail, status.Pending, status.Confirmed));
        Assert.Equal(f.Clock.GetUtcNow() + TimeSpan.FromDays(30), status.Deadline!.Value, TimeSpan.FromSeconds(1));
        var mail = Assert.Single(await f.MailsToAsync("tld-admin@nic.fr"));
        Assert.Contains("merci de confirmer vos contacts", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("contact1@nic.fr", mail.Body, StringComparison.Ordinal);
        Assert.Contains(await f.Audit.ListAsync(ccTld: "fr"), r => r.Action == "reconfirm-started" && r.Authority!.StartsWith("iana:event:", StringComparison.Ordinal));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Contacts_not_confirmed_by_the_deadline_are_suspended_and_the_committee_told(SqlDialect dialect)
    {
        using var folder = new TempDirectory();
        await using var f = await WithNewAdminContactAsync(dialect, folder);
        await f.Reconfirmations.ProcessRegistryEventsAsync();
        var mail = Assert.Single(await f.MailsToAsync("tld-admin@nic.fr"));
        var review = MailLinks.TokenWith(mail.Body, "action=review");
        var page = await f.Reconfirmations.GetPageAsync(review);
        var keep = page.Value.Pending.Single(m => m.Email == "contact1@nic.fr");

        var confirmed = await f.Reconfirmations.ConfirmByLinkAsync(review, [keep.PublicId]);

        Assert.Equal(1, confirmed.Value);
        Assert.IsType<Forbidden>((await f.Reconfirmations.ConfirmByLinkAsync(review)).Problem);
        f.Clock.Advance(TimeSpan.FromDays(29));
        Assert.Equal(0, await f.Reconfirmations.RunDeadlinesAsync());
        f.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await f.Reconfirmations.RunDeadlinesAsync());
        Assert.Equal(0, await f.Reconfirmations.RunDeadlinesAsync());

        var members = await f.Members.ListAsync();
        Assert.Equal(MemberStatus.Active, members.Single(m => m.Email == "contact1@nic.fr").Status);
        Assert.Equal(MemberStatus.Suspended, members.Single(m => m.Email == "contact2@nic.fr").Status);
        Assert.Equal("normal", Assert.Single(await f.Reconfirmations.ListAsync()).State);
        Assert.Contains(await f.MailsToAsync("committee@tld-ops.example"), m => m.Body.Contains("contact2@nic.fr", StringComparison.Ordinal));
        var audit = await f.Audit.ListAsync(ccTld: "fr");
        Assert.Contains(audit, r => r.Action == "member-reconfirmed" && r.Subject == "member:" + keep.PublicId && r.Authority!.EndsWith("by tld-admin@nic.fr", StringComparison.Ordinal));
        Assert.Contains(audit, r => r.Action == "member-suspended" && r.Authority == "reconfirm-deadline");
        Assert.Contains(audit, r => r.Action == "reconfirm-lapsed");
    }

    [Theory, SqliteData, PostgresData]
    public async Task The_new_admin_contact_confirms_by_reply_and_the_old_one_cannot(SqlDialect dialect)
    {
        using var folder = new TempDirectory();
        await using var f = await WithNewAdminContactAsync(dialect, folder);
        await f.Reconfirmations.ProcessRegistryEventsAsync();
        var mail = Assert.Single(await f.MailsToAsync("tld-admin@nic.fr"));

        Assert.Equal(RequestMailOutcome.Handled, await f.Handler.HandleAsync(ReplyMail.Create("old-admin@nic.fr", "Re: " + mail.Subject, "confirm\n", messageId: "old@nic.fr")));
        Assert.Equal(2, Assert.Single(await f.Reconfirmations.ListAsync()).Pending);
        Assert.Contains(await f.Audit.ListAsync(ccTld: "fr"), r => r.Action == "reconfirm-refused" && r.Actor == "public:old-admin@nic.fr");

        Assert.Equal(RequestMailOutcome.Handled, await f.Handler.HandleAsync(ReplyMail.Create("tld-admin@nic.fr", "Re: " + mail.Subject, "Confirm\n", messageId: "new@nic.fr")));

        var status = Assert.Single(await f.Reconfirmations.ListAsync());
        Assert.Equal(("normal", 0, 2), (status.State, status.Pending, status.Confirmed));
        Assert.Contains(await f.Audit.ListAsync(ccTld: "fr"), r => r.Action == "reconfirm-finished" && r.Authority == "message:<new@nic.fr> from tld-admin@nic.fr");
        f.Clock.Advance(TimeSpan.FromDays(31));
        await f.Reconfirmations.RunDeadlinesAsync();
        Assert.All(await f.Members.ListAsync(), m => Assert.Equal(MemberStatus.Active, m.Status));
    }

    [Fact]
    public async Task A_join_request_sent_to_the_former_admin_contact_can_no_longer_be_decided_by_its_link()
    {
        using var folder = new TempDirectory();
        string? token = null;
        await using var f = await WithNewAdminContactAsync(SqlDialect.Sqlite, folder, async fixture =>
        {
            Assert.True((await fixture.Joins.SubmitAsync(VettingFixture.Form("fr", "nic.fr", 1, kind: JoinRequestKind.Add, first: 3))).IsSuccess);
            token = MailLinks.TokenWith((await fixture.MailsToAsync("old-admin@nic.fr")).Last().Body, "action=approve");
        });

        var decided = await f.Joins.DecideByLinkAsync(token, JoinDecision.Approve);

        Assert.Contains("has changed", Assert.IsType<Forbidden>(decided.Problem).Message, StringComparison.Ordinal);
        Assert.DoesNotContain(await f.Members.ListAsync(), m => m.Email == "contact3@nic.fr");
    }
}
