using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TldOps.Core.Audit;
using TldOps.Core.Membership;
using TldOps.Core.Membership.Accounts;
using TldOps.Server.Tests.Support;
using TldOps.Server.Tests.Web.Security;
using TldOps.Testing;

namespace TldOps.Server.Tests.Web.Vetting;

public sealed class ProfileKeyTests(SecuredPortalFixture fixture) : IClassFixture<SecuredPortalFixture>
{
    [Fact]
    public async Task A_member_sets_and_removes_their_OpenPGP_key_and_a_bad_key_is_refused()
    {
        var added = await fixture.Server.Services.GetRequiredService<RoleService>().AddAsync(
            new NewMember("fr", "Kai Keyholder", "kai@nic.example", null, null), RoleAssignment.PlainMember, Actor.Operator);
        using var browser = fixture.Visit(null);
        browser.Cookies.Add(browser.Address, new Cookie("tldops-session", await fixture.Seed.SessionAsync(added.Value), "/"));
        var key = await File.ReadAllTextAsync(SharedCorpus.PathOf("crypto", "openpgp", "gmime", "gmime.gpg.pub"));

        var (junk, junkBody, _) = await browser.PostAsync("/fr/account", "/fr/account?handler=Key", ("OpenPgpKey", "-----BEGIN PGP PRIVATE KEY BLOCK-----\nxyz\n"));
        Assert.Equal(HttpStatusCode.BadRequest, junk);
        Assert.Contains("aria-invalid=\"true\"", junkBody, StringComparison.Ordinal);

        var (empty, _, _) = await browser.PostAsync("/fr/account", "/fr/account?handler=Key", ("OpenPgpKey", "  "));
        Assert.Equal(HttpStatusCode.BadRequest, empty);
        var (saved, _, _) = await browser.PostAsync("/fr/account", "/fr/account?handler=Key", ("OpenPgpKey", key));
        Assert.Equal(HttpStatusCode.Redirect, saved);
        var page = await browser.PageAsync("/fr/account");
        var fingerprint = page.QuerySelector("[data-key]")!.GetAttribute("data-key")!;
        Assert.Matches("^[0-9A-F]{40}$", fingerprint);

        var (kept, _, _) = await browser.PostAsync("/fr/account", "/fr/account?handler=Key", ("OpenPgpKey", ""));
        Assert.Equal(HttpStatusCode.BadRequest, kept);
        Assert.Equal(fingerprint, (await browser.PageAsync("/fr/account")).QuerySelector("[data-key]")!.GetAttribute("data-key"));
        var (removed, _, _) = await browser.PostAsync("/fr/account", "/fr/account?handler=Key", ("remove", "true"));
        Assert.Equal(HttpStatusCode.Redirect, removed);
        Assert.Equal("none", (await browser.PageAsync("/fr/account")).QuerySelector("[data-key]")!.GetAttribute("data-key"));
        var audit = await fixture.Server.Services.GetRequiredService<AuditLog>().ListAsync(subject: added.Value.Reference);
        Assert.Equal(["key-removed", "key-changed"], audit.Where(a => a.Action.StartsWith("key-", StringComparison.Ordinal)).Select(a => a.Action));
        Assert.Contains(fingerprint, audit.Single(a => a.Action == "key-changed").Detail, StringComparison.Ordinal);
    }
}
