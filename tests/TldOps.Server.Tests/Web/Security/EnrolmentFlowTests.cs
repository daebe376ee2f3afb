using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TldOps.Core.Audit;
using TldOps.Core.Membership.Accounts;
using TldOps.Core.Registry;
using TldOps.Server.Tests.Support;
using TldOps.Testing;

namespace TldOps.Server.Tests.Web.Security;

public sealed class EnrolmentFlowTests
{
    [Fact]
    public async Task The_first_chair_enrols_by_the_printed_link_and_sets_up_TOTP_before_anything_else()
    {
        await using var server = await PortalServer.StartAsync();
        await server.Services.GetRequiredService<CcTldStore>().SyncReferenceDataAsync(TestCatalog.Create());
        var link = await server.Services.GetRequiredService<CommitteeEnrolment>().PrepareAsync();
        var path = MailLinks.PathOf(link!.Url);
        using var browser = new Visitor(server.Address);

        var form = await browser.PageAsync(path);
        Assert.NotNull(form.QuerySelector("select[name='Person.CcTld'] option[value='fr']"));
        var (invalid, invalidBody, _) = await browser.PostAsync(path, path, ("Person.Name", "Carla Chair"), ("Person.Email", "carla@"), ("Person.CcTld", "fr"), ("Person.Language", "en"));
        Assert.Equal(HttpStatusCode.BadRequest, invalid);
        Assert.Contains("id=\"person-email-error\"", invalidBody, StringComparison.OrdinalIgnoreCase);

        var (created, _, response) = await browser.PostAsync(path, path, ("Person.Name", "Carla Chair"), ("Person.Email", "carla@nic.example"),
            ("Person.CcTld", "fr"), ("Person.OfficePhone", "+33 1 39 30 83 00"), ("Person.Language", "fr"));
        Assert.Equal(HttpStatusCode.Redirect, created);
        Assert.Equal("/en/account/totp", response.Headers.Location!.OriginalString);

        // Nothing else opens before TOTP is set up.
        var (committeeStatus, _, committee) = await browser.GetAsync("/en/committee");
        Assert.Equal(HttpStatusCode.Redirect, committeeStatus);
        Assert.Equal("/en/account/totp", committee.Headers.Location!.OriginalString);

        var enrol = await browser.PageAsync("/en/account/totp");
        Assert.NotNull(enrol.QuerySelector("svg.qr path"));
        Assert.True(Base32.TryDecode(enrol.QuerySelector("[data-totp-secret]")!.TextContent, out var secret));
        var code = Totp.Compute(secret, Totp.StepAt(DateTimeOffset.UtcNow));
        var (enabled, enabledBody, _) = await browser.PostAsync("/en/account/totp", "/en/account/totp?handler=Enable", ("code", code));
        Assert.Equal(HttpStatusCode.OK, enabled);
        var codes = Visitor.Parse(enabledBody).QuerySelectorAll("[data-recovery-codes] code").Select(c => c.TextContent).ToList();
        Assert.Equal(10, codes.Distinct().Count());

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/en/committee")).Status);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/en/committee/audit")).Status);
        var audit = await server.Services.GetRequiredService<AuditLog>().ListAsync();
        Assert.Equal(["totp-enabled", "member-added"], audit.Select(a => a.Action));
        Assert.Null(await server.Services.GetRequiredService<CommitteeEnrolment>().PrepareAsync());
        using var stranger = new Visitor(server.Address);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(path)).Status);
    }
}
