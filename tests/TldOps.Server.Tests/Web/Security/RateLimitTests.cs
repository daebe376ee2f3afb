using System.Net;
using TldOps.Server.Hosting;
using TldOps.Server.Tests.Support;

namespace TldOps.Server.Tests.Web.Security;

public sealed class RateLimitTests
{
    [Fact]
    public async Task Login_links_are_limited_per_address_and_per_client_with_a_localised_429()
    {
        await using var server = await PortalServer.StartAsync(settings:
        [
            new($"{RateLimitSettings.Section}:{nameof(RateLimitSettings.LoginPerIp)}", "4"),
            new($"{RateLimitSettings.Section}:{nameof(RateLimitSettings.LoginPerAddress)}", "2"),
            new($"{RateLimitSettings.Section}:{nameof(RateLimitSettings.LoginWindow)}", "01:00:00"),
        ]);
        using var browser = new Visitor(server.Address);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await browser.PostAsync("/fr/login", "/fr/login", ("email", "SAME@nic.example"))).Status);
        }

        // Reading the form is never limited; a fourth address is the client's fourth post, a fifth is over.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/fr/login")).Status);
        var fourth = await browser.PostAsync("/fr/login", "/fr/login", ("email", "other@nic.example"));
        var fifth = await browser.PostAsync("/fr/login", "/fr/login", ("email", "third@nic.example"));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, fourth.Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, fifth.Status);
        Assert.True(fifth.Response.Headers.RetryAfter is not null);
        var page = Visitor.Parse(fifth.Body);
        Assert.Equal("fr", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Trop de tentatives", page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task Code_attempts_are_limited_per_client()
    {
        await using var server = await PortalServer.StartAsync(settings:
        [
            new($"{RateLimitSettings.Section}:{nameof(RateLimitSettings.CodePerIp)}", "2"),
        ]);
        var seed = await AccountSeed.CreateAsync(server.Services);
        using var browser = new Visitor(server.Address, await seed.SessionAsync(seed.Chair, Core.Membership.Accounts.SessionStage.SecondFactor));

        var first = await browser.PostAsync("/en/login/code", "/en/login/code", ("code", "000000"));
        var second = await browser.PostAsync("/en/login/code", "/en/login/code", ("code", "000001"));
        var third = await browser.PostAsync("/en/login/code", "/en/login/code", ("code", "000002"));

        Assert.True(third.Status == HttpStatusCode.TooManyRequests, third.Body);
        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], new[] { first.Status, second.Status, third.Status });
    }
}
