using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TldOps.Core.Lists.Bounces;
using TldOps.Core.Lists.Delivery;
using TldOps.Core.Membership;
using TldOps.Core.Membership.Accounts;
using TldOps.Core.Membership.Reconfirmation;
using TldOps.Core.Registry.Iana;
using TldOps.Server.Tests.Support;
using TldOps.Server.Tests.Web.Security;
using TldOps.Testing;

namespace TldOps.Server.Tests.Web.Vetting;

/// <summary>
/// The committee's reachability page over the list engine's bounce scores and vetting's
/// reconfirmation, and the new admin contact's confirmation page, end to end over HTTP.
/// </summary>
public sealed class StatusPagesTests(SecuredPortalFixture fixture) : IClassFixture<SecuredPortalFixture>
{
    [Fact]
    public async Task A_bouncing_member_appears_with_the_score_and_then_as_stopped()
    {
        var services = fixture.Server.Services;
        var person = await AddAsync("bounce@nic.example", "Bruno Bounce", "fr");
        var bounces = services.GetRequiredService<BounceProcessor>();
        await bounces.RegisterAsync(new BounceReport(VerpToken.ForMember(person.PublicId), BounceKind.Hard, "dsn", "5.1.1", "user unknown"));
        using var chair = fixture.Visit("committee");

        var row = (await chair.PageAsync("/en/committee/health")).QuerySelector($"table[data-table=bouncing] tr[data-member='{person.PublicId}']");

        Assert.NotNull(row);
        Assert.Contains("1.0 / 5.0", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("5.1.1 user unknown", row.TextContent, StringComparison.Ordinal);
        Assert.Null(row.QuerySelector(".tag-bad"));
        using var member = fixture.Visit("member");
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/en/committee/health")).Status);
    }

    [Fact]
    public async Task A_new_admin_contact_is_listed_for_the_committee_and_confirms_the_contacts_by_the_link()
    {
        var services = fixture.Server.Services;
        using var folder = new TempDirectory();
        var current = await File.ReadAllTextAsync(SharedCorpus.PathOf("iana-whois", "NL"));
        Directory.CreateDirectory(folder.Combine("old"));
        Directory.CreateDirectory(folder.Combine("new"));
        await File.WriteAllTextAsync(folder.Combine("old", "NL"), current
            .Replace("admin@sidn.nl", "former-admin@sidn.nl", StringComparison.Ordinal)
            .Replace("changed:      2024-06-20", "changed:      2019-03-01", StringComparison.Ordinal));
        await File.WriteAllTextAsync(folder.Combine("new", "NL"), current);
        var importer = services.GetRequiredService<IanaImporter>();
        Assert.Empty((await importer.ImportFilesAsync([folder.Combine("old", "NL")])).Errors);
        var contact = await AddAsync("nina@sidn.example", "Nina Nederland", "nl");
        Assert.Empty((await importer.ImportFilesAsync([folder.Combine("new", "NL")])).Errors);
        await services.GetRequiredService<ReconfirmationService>().ProcessRegistryEventsAsync();

        using var chair = fixture.Visit("committee");
        var status = (await chair.PageAsync("/en/committee/health")).QuerySelector("table[data-table=reconfirm] tr[data-cctld='nl']");
        Assert.NotNull(status);
        Assert.Equal("reconfirm", status.GetAttribute("data-state"));
        Assert.Contains("admin@sidn.nl", status.TextContent, StringComparison.Ordinal);

        var mail = (await fixture.Seed.MailsToAsync("admin@sidn.nl")).First(m => MailLinks.Text(m).Contains("/reconfirm?token=", StringComparison.Ordinal));
        var link = MailLinks.PathWith(mail, "/reconfirm?token=");
        using var admin = fixture.Visit(null);
        var page = await admin.PageAsync(link);
        Assert.Contains("Nina Nederland", page.QuerySelector("form fieldset")!.TextContent, StringComparison.Ordinal);
        var token = page.QuerySelector("input[name='token']")!.GetAttribute("value")!;

        var (confirmed, body, _) = await admin.PostAsync(link, page.QuerySelector("form[method=post]")!.GetAttribute("action")!, ("token", token));

        Assert.True(confirmed == HttpStatusCode.OK, body);
        Assert.Equal("1", Visitor.Parse(body).QuerySelector("[data-confirmed]")!.GetAttribute("data-confirmed"));
        Assert.Equal(MemberStatus.Active, (await services.GetRequiredService<MemberStore>().FindAsync(contact.PublicId))!.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(link)).Status);
        var after = (await chair.PageAsync("/en/committee/health")).QuerySelector("table[data-table=reconfirm] tr[data-cctld='nl']");
        Assert.NotEqual("reconfirm", after?.GetAttribute("data-state"));
    }

    private async Task<Account> AddAsync(string email, string name, string ccTld)
    {
        var added = await fixture.Server.Services.GetRequiredService<RoleService>().AddAsync(
            new NewMember(ccTld, name, email, null, null), RoleAssignment.PlainMember, Actor.Operator);
        Assert.True(added.IsSuccess, added.Problem?.Message);
        return added.Value;
    }
}
