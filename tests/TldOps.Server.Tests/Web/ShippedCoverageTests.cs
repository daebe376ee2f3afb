using System.Text.Json;
using TldOps.Core.Common;
using TldOps.Core.Registry;
using TldOps.Server.Tests.Support;
using TldOps.Server.Web;

namespace TldOps.Server.Tests.Web;

/// <summary>
/// The portal, the API and the CLI over the ccTLD reference data shipped in this build, before
/// anyone joins: the figures come from one service, so all three must agree.
/// </summary>
public sealed class ShippedCoverageTests
{
    [Fact]
    public async Task Before_anyone_joins_page_API_and_CLI_agree_on_the_shipped_ccTLDs()
    {
        await using var server = await PortalServer.StartAsync();
        var catalog = CcTldCatalog.Shipped;

        var figures = await AgreedFiguresAsync(server);

        Assert.Equal(catalog.All.Count, figures["delegatedCcTlds"]);
        Assert.Equal(catalog.AsciiCount, figures["asciiCcTlds"]);
        Assert.Equal(catalog.IdnCount, figures["idnCcTlds"]);
        Assert.Equal(0, figures["memberCcTlds"]);
        Assert.Equal(0, figures["members"]);
        Assert.Equal(catalog.All.Count, figures["missingCcTlds"]);
    }

    // The "done when" check, end to end, on the reference data shipped in this build.
    [Fact]
    public async Task Before_anyone_joins_page_API_and_CLI_show_309_delegated_ccTLDs_248_plus_61()
    {
        await using var server = await PortalServer.StartAsync();

        var figures = await AgreedFiguresAsync(server);

        // DOMAIN.md: the IANA root zone database holds 248 two-letter ASCII ccTLDs and 61 IDN ccTLDs.
        Assert.Equal(309, figures["delegatedCcTlds"]);
        Assert.Equal(248, figures["asciiCcTlds"]);
        Assert.Equal(61, figures["idnCcTlds"]);
        Assert.Equal(309, figures["missingCcTlds"]);
    }

    [Fact]
    public async Task The_API_returns_exactly_what_the_CLI_prints()
    {
        await using var server = await PortalServer.StartAsync();
        var region = CcTldCatalog.Shipped.All[0].Region.ToCode();

        foreach (var language in Language.All)
        {
            var cli = await CliRunner.RunAsync("coverage", "--format", "json", "--language", language, "--data", server.DataDirectory);
            Assert.Equal(0, cli.ExitCode);
            Assert.Equal(cli.Output, await server.GetStringAsync($"{CoverageApi.Path}?language={language}"));
        }

        var english = await CliRunner.RunAsync("coverage", "--format", "json", "--data", server.DataDirectory);
        Assert.Equal(english.Output, await server.GetStringAsync(CoverageApi.Path));
        var oneRegion = await CliRunner.RunAsync("coverage", "--format", "json", "--region", region, "--data", server.DataDirectory);
        Assert.Equal(oneRegion.Output, await server.GetStringAsync($"{CoverageApi.Path}?region={region}"));
    }

    /// <summary>The figures of the coverage page in every language, of the API and of the CLI, once checked to be equal.</summary>
    private static async Task<Dictionary<string, int>> AgreedFiguresAsync(PortalServer server)
    {
        var cli = await CliRunner.RunAsync("coverage", "--format", "json", "--data", server.DataDirectory);
        Assert.Equal(0, cli.ExitCode);
        using var json = JsonDocument.Parse(cli.Output);
        var keys = new[] { "delegatedCcTlds", "asciiCcTlds", "idnCcTlds", "memberCcTlds", "members", "missingCcTlds" };
        var figures = keys.ToDictionary(k => k, k => json.RootElement.GetProperty(k).GetInt32());
        Assert.Equal(cli.Output, await server.GetStringAsync(CoverageApi.Path));
        foreach (var language in Language.All)
        {
            var page = PortalPages.Parse(await server.GetStringAsync(PortalLanguage.PageUrl(language, "/coverage")));
            Assert.Equal(figures, PortalPages.RegionFigures(page, "all"));
            foreach (var (key, value) in PortalPages.SummaryFigures(page))
            {
                Assert.Equal(figures[key], value);
            }
        }

        return figures;
    }
}
