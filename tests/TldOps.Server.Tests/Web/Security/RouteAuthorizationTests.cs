using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TldOps.Core.Membership.Accounts;
using TldOps.Server.Tests.Support;

namespace TldOps.Server.Tests.Web.Security;

/// <summary>
/// Every route, visited as every kind of visitor: status codes as the route's declared access
/// says, and no seeded personal data (names, addresses, phone numbers) in anything answered to
/// a visitor who is not a logged-in member.
/// </summary>
public sealed class RouteAuthorizationTests(SecuredPortalFixture fixture) : IClassFixture<SecuredPortalFixture>
{
    /// <summary>Visitors who are members (any role), by identity.</summary>
    private static readonly string[] Members = ["member", "liaison", "committee", "secretariat"];

    [Fact]
    public void Every_endpoint_declares_who_may_open_it()
    {
        var endpoints = fixture.Server.Services.GetRequiredService<EndpointDataSource>().Endpoints;

        Assert.True(endpoints.Count > 20, $"only {endpoints.Count} endpoints");
        // Throws naming the endpoint that declares neither AllowAnonymous nor a policy.
        Assert.All(endpoints, e => PortalRoutes.AccessOf(e));
        Assert.Contains(Routes(), r => r.TakesToken);
        Assert.Contains(Routes(), r => r.Access == Access.Staff);
    }

    [Fact]
    public async Task Anonymous_visitors_see_public_pages_and_are_sent_to_login_elsewhere()
    {
        using var visitor = fixture.Visit(null);
        foreach (var route in Routes())
        {
            var (status, body, response) = await visitor.GetAsync(route.Url);
            AssertNoPersonalData(route.Url, body, response);
            if (route.Access == Access.Public)
            {
                Assert.False(IsLoginRedirect(response) || status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"{route.Url}: {(int)status}");
            }
            else
            {
                Assert.True(IsLoginRedirect(response), $"{route.Url}: {(int)status} {response.Headers.Location}");
            }
        }
    }

    [Fact]
    public async Task Members_of_each_role_get_what_their_role_allows()
    {
        foreach (var identity in Members)
        {
            using var visitor = fixture.Visit(identity);
            foreach (var route in Routes().Where(r => !r.TakesToken))
            {
                var (status, _, response) = await visitor.GetAsync(route.Url);
                var allowed = route.Access switch
                {
                    Access.Public or Access.Member or Access.Enrolling => true,
                    Access.Staff => identity is "committee" or "secretariat",
                    Access.Committee => identity is "committee",
                    _ => false,
                };
                if (allowed)
                {
                    Assert.False(IsLoginRedirect(response) || status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"{identity} {route.Url}: {(int)status}");
                    // A sample that names nothing would leave the page unvisited: every route but the error pages finds what it is asked for.
                    Assert.True(status != HttpStatusCode.NotFound || route.Pattern.Contains("{code", StringComparison.Ordinal) || route.Pattern.EndsWith("not-found", StringComparison.Ordinal), $"{identity} {route.Url}: 404, is its sample right?");
                }
                else
                {
                    Assert.True(status == HttpStatusCode.Forbidden, $"{identity} {route.Url}: {(int)status}, expected 403");
                }
            }
        }
    }

    [Theory]
    [InlineData("second-factor", "/login/code")]
    [InlineData("enrolment", "/account/totp")]
    public async Task A_login_half_way_is_sent_to_its_next_step_and_sees_no_personal_data(string identity, string step)
    {
        using var visitor = fixture.Visit(identity);
        foreach (var route in Routes())
        {
            var (status, body, response) = await visitor.GetAsync(route.Url);
            AssertNoPersonalData($"{identity} {route.Url}", body, response);
            var isStep = route.Url.EndsWith(step, StringComparison.Ordinal);
            if (route.Access == Access.Public || isStep)
            {
                Assert.True(status != HttpStatusCode.Forbidden && !IsLoginRedirect(response), $"{identity} {route.Url}: {(int)status}");
            }
            else
            {
                Assert.True(status == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.EndsWith(step, StringComparison.Ordinal),
                    $"{identity} {route.Url}: {(int)status} {response.Headers.Location}, expected a redirect to {step}");
            }
        }
    }

    [Fact]
    public async Task Forged_and_expired_tokens_open_nothing_and_show_no_personal_data()
    {
        using var anonymous = fixture.Visit(null);
        foreach (var route in Routes())
        {
            foreach (var token in fixture.BadTokens)
            {
                var url = route.Url + (route.Url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "token=" + Uri.EscapeDataString(token);
                var (status, body, response) = await anonymous.GetAsync(url);
                AssertNoPersonalData(url, body, response);
                if (route.TakesToken)
                {
                    Assert.True((int)status is >= 400 and < 500, $"{url}: {(int)status}, expected 4xx");
                    Assert.DoesNotContain("<form method=\"post\"", body, StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public async Task Members_do_see_the_seeded_data_where_it_belongs()
    {
        // The absence checks above mean something only if the data is on the pages at all.
        using var committee = fixture.Visit("committee");
        var members = WebUtility.HtmlDecode((await committee.GetAsync("/en/committee/members")).Body);
        Assert.All(new[] { "Zebulon Seedmember", "Quirina Seedchair", "Xaver Seedstaff", "Yolanda Seedliaison", "zebulon.seed@nic.example" },
            text => Assert.Contains(text, members, StringComparison.Ordinal));
        // The committee's form to add a person offers every kind of liaison and the secretariat.
        Assert.All(Enum.GetValues<LiaisonKind>().Select(k => $"value=\"liaison-{k.ToCode()}\"").Append("value=\"secretariat\""),
            option => Assert.Contains(option, members, StringComparison.Ordinal));
        using var member = fixture.Visit("member");
        var team = WebUtility.HtmlDecode((await member.GetAsync("/en/team")).Body);
        Assert.All(new[] { "Zebulon Seedmember", "Quirina Seedchair", "+33199990101", "+33199990201" }, text => Assert.Contains(text, team, StringComparison.Ordinal));
        Assert.DoesNotContain("Xaver Seedstaff", team, StringComparison.Ordinal);
        Assert.Contains("Wilhelmina Seedjoin", WebUtility.HtmlDecode((await committee.GetAsync("/en/committee/joins")).Body), StringComparison.Ordinal);
        var search = WebUtility.HtmlDecode((await member.PostAsync("/en/contacts", "/en/contacts", ("q", "Zebulon"))).Body);
        Assert.Contains("zebulon.seed@nic.example", search, StringComparison.Ordinal);
        Assert.DoesNotContain("quirina.seed@nic.example", search, StringComparison.Ordinal);
        var csv = await member.PostAsync("/en/contacts", "/en/contacts?handler=Csv", ("q", "Quirina"));
        Assert.Equal("text/csv", csv.Response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("quirina.seed@nic.example", csv.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("zebulon.seed@nic.example", csv.Body, StringComparison.Ordinal);
        var vcard = await member.GetAsync("/en/contacts?handler=VCard");
        Assert.StartsWith("BEGIN:VCARD", vcard.Body, StringComparison.Ordinal);
        Assert.Contains("zebulon.seed@nic.example", vcard.Body, StringComparison.Ordinal);
        var held = WebUtility.HtmlDecode((await committee.GetAsync("/en/committee/held")).Body);
        Assert.Contains("Ulrike Seedposter", held, StringComparison.Ordinal);
        var heldPost = WebUtility.HtmlDecode((await committee.GetAsync("/en/committee/held/" + fixture.Samples["committee/held"])).Body);
        Assert.Contains("+33 1 99 99 06 01", heldPost, StringComparison.Ordinal);
        Assert.Contains("Seed incident report", WebUtility.HtmlDecode((await member.GetAsync("/en/archive")).Body), StringComparison.Ordinal);
        var thread = WebUtility.HtmlDecode((await member.GetAsync("/en/archive/thread/" + fixture.Samples["archive/thread"])).Body);
        Assert.Contains("+33 1 99 99 07 01", thread, StringComparison.Ordinal);
        Assert.Contains("zebulon.seed@nic.example", thread, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_form_posts_back_in_the_pages_language()
    {
        // Regression: route generation put the language in the query string (?lang=ar), so the
        // answer to a form came back in the cookie's language instead of the page's.
        foreach (var identity in new[] { "committee", "member", "enrolment" })
        {
            var checkedForms = 0;
            using var visitor = fixture.Visit(identity);
            foreach (var route in Routes(language: "ar").Where(r => r.Url.StartsWith("/ar/", StringComparison.Ordinal)))
            {
                var (status, body, _) = await visitor.GetAsync(route.Url);
                if (status != HttpStatusCode.OK)
                {
                    continue;
                }

                foreach (var form in Visitor.Parse(body).QuerySelectorAll("form[method=post]"))
                {
                    var action = form.GetAttribute("action");
                    Assert.True(string.IsNullOrEmpty(action) || action.StartsWith("/ar/", StringComparison.Ordinal), $"{identity} {route.Url}: a form posts to {action}");
                    checkedForms++;
                }
            }

            // Every one of these visitors has at least one form (logout, the enrolment's TOTP step):
            // a run that found none would have checked nothing.
            Assert.True(checkedForms > 0, $"{identity}: no form found on any page");
        }
    }

    private IReadOnlyList<PortalRoute> Routes(string language = "en") => PortalRoutes.All(fixture.Server.Services, new Dictionary<string, string>(fixture.Samples, StringComparer.Ordinal)
    {
        ["lang"] = language,
        ["code"] = "404",
        ["id"] = fixture.Seed.Member.PublicId,
        ["name"] = "portal.css",
    });

    private void AssertNoPersonalData(string what, string body, HttpResponseMessage response)
    {
        // HTML-decoded too: the page encoder writes "+" as "&#x2B;", which would hide a phone number from a plain search.
        body = body + "\n" + WebUtility.HtmlDecode(body);
        var headers = string.Join("\n", response.Headers.Concat(response.Content.Headers).Select(h => $"{h.Key}: {string.Join(",", h.Value)}"));
        foreach (var datum in fixture.Seed.PersonalData)
        {
            Assert.False(body.Contains(datum, StringComparison.OrdinalIgnoreCase), $"{what}: '{datum}' in the body");
            Assert.False(headers.Contains(datum, StringComparison.OrdinalIgnoreCase), $"{what}: '{datum}' in a header");
        }
    }

    private static bool IsLoginRedirect(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Contains("/login?return=", StringComparison.Ordinal) == true;
}
