using System.Text.Json;
using TldOps.Core.Coverage;
using TldOps.Core.Membership;
using TldOps.Core.Registry;
using TldOps.Core.Storage;
using TldOps.Server.Tests.Support;
using TldOps.Testing;

namespace TldOps.Server.Tests.Coverage;

public sealed class CoverageServiceTests
{
    [Theory, SqliteData, PostgresData]
    public async Task Before_anyone_joins_every_delegated_ccTLD_is_missing(SqlDialect dialect)
    {
        await using var f = await MembershipFixture.CreateAsync(dialect);
        var catalog = TestCatalog.Create();

        var report = await f.Coverage.GetReportAsync();

        Assert.Equal(new CoverageFigures(12, 10, 2, 0, 0, 12), report.Totals);
        Assert.Equal(catalog.All.Count, report.Totals.DelegatedCcTlds);
        Assert.Equal(catalog.AsciiCount, report.Totals.AsciiCcTlds);
        Assert.Equal(catalog.IdnCount, report.Totals.IdnCcTlds);
        Assert.Equal(IcannRegions.All, report.Regions.Select(r => r.Region));
        Assert.Equal(report.Totals.DelegatedCcTlds, report.Regions.Sum(r => r.Figures.DelegatedCcTlds));
        Assert.Equal(catalog.All.Select(t => t.Code).Order(StringComparer.Ordinal), report.Missing.Select(m => m.Code).Order(StringComparer.Ordinal));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Members_are_counted_per_ccTLD_and_region(SqlDialect dialect)
    {
        await using var f = await MembershipFixture.CreateAsync(dialect);
        await f.ImportAsync(
            "fr,One,one@afnic.fr,+33 1 39 30 83 01",
            "fr,Two,two@afnic.fr,+33 1 39 30 83 02",
            "nc,Three,three@domaine.nc,+687 27 20 00",
            "рф,Four,four@cctld.ru,+7 495 730 29 71",
            "ao,Five,five@dns.ao,+244 222 000 000",
            "bj,Six,six@nic.bj,+229 21 00 00 00");
        var six = Assert.Single(await f.Members.ListAsync(), m => m.CcTld == "bj");
        await f.Members.SetStatusAsync(six.PublicId, MemberStatus.Suspended);

        var report = await f.Coverage.GetReportAsync();

        Assert.Equal(new CoverageFigures(12, 10, 2, 4, 5, 8), report.Totals);
        var europe = report.Regions.Single(r => r.Region == IcannRegion.Europe).Figures;
        Assert.Equal(new CoverageFigures(5, 4, 1, 3, 4, 2), europe);          // fr, nc (France's region), рф; de and ru missing
        var africa = report.Regions.Single(r => r.Region == IcannRegion.Africa).Figures;
        Assert.Equal(new CoverageFigures(2, 2, 0, 1, 1, 1), africa);          // bj's only member is suspended
        Assert.Equal(report.Totals.Members, report.Regions.Sum(r => r.Figures.Members));
        Assert.Equal(report.Totals.MissingCcTlds, report.Missing.Count);
        Assert.DoesNotContain(report.Missing, m => m.Code is "fr" or "nc" or "xn--p1ai" or "ao");
        Assert.Contains(report.Missing, m => m.Code == "bj");
        Assert.Equal(4.0 / 12, report.Totals.MemberShare, 10);
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_report_can_be_limited_to_one_region(SqlDialect dialect)
    {
        await using var f = await MembershipFixture.CreateAsync(dialect);
        await f.ImportAsync("jp,Taro,noc@jprs.jp,+81 3 5215 8451");

        var report = await f.Coverage.GetReportAsync(IcannRegion.AsiaPacific);

        Assert.Equal(IcannRegion.AsiaPacific, report.Region);
        Assert.Equal(new CoverageFigures(3, 2, 1, 1, 1, 2), report.Totals);  // ae, jp, امارات
        Assert.Equal(IcannRegion.AsiaPacific, Assert.Single(report.Regions).Region);
        Assert.Equal(["ae", "xn--mgbaam7a8h"], report.Missing.Select(m => m.Code));
    }

    [Theory, SqliteData, PostgresData]
    public async Task The_committees_region_override_and_retired_ccTLDs_are_respected(SqlDialect dialect)
    {
        await using var f = await MembershipFixture.CreateAsync(dialect);
        Assert.True(await f.CcTlds.SetRegionOverrideAsync("nc", IcannRegion.AsiaPacific));
        const string orgs = "code\tname\twebsite\ncentr\tCENTR\thttps://www.centr.org\n";
        const string header = "code\tu_label\tcountry\tscript\tsovereign\tregion\torganisations\ten\tfr\tes\tru\tzh\tar\n";
        await f.CcTlds.SyncReferenceDataAsync(CcTldCatalog.Parse(
            header + "fr\t\tFR\t\t\teurope\t\tFrance\tFrance\tFrancia\tФранция\t法国\tفرنسا\n" +
            "nc\t\tNC\t\tFR\t\t\tNew Caledonia\tNouvelle-Calédonie\tNueva Caledonia\tНовая Каледония\t新喀里多尼亚\tكاليدونيا الجديدة\n",
            orgs));

        var report = await f.Coverage.GetReportAsync();

        Assert.Equal(2, report.Totals.DelegatedCcTlds);
        Assert.Equal(IcannRegion.AsiaPacific, report.Missing.Single(m => m.Code == "nc").Region);
        Assert.Equal(1, report.Regions.Single(r => r.Region == IcannRegion.Europe).Figures.DelegatedCcTlds);
    }

    [Theory, SqliteData, PostgresData]
    public async Task The_shipped_reference_data_is_the_denominator(SqlDialect dialect)
    {
        await using var f = await MembershipFixture.CreateAsync(dialect, CcTldCatalog.Shipped);

        var report = await f.Coverage.GetReportAsync();

        Assert.Equal(CcTldCatalog.Shipped.All.Count, report.Totals.DelegatedCcTlds);
        Assert.Equal(CcTldCatalog.Shipped.AsciiCount, report.Totals.AsciiCcTlds);
        Assert.Equal(CcTldCatalog.Shipped.IdnCount, report.Totals.IdnCcTlds);
        Assert.Equal(report.Totals.DelegatedCcTlds, report.Totals.AsciiCcTlds + report.Totals.IdnCcTlds);
        Assert.Equal(report.Totals.DelegatedCcTlds, report.Missing.Count);
    }

    [Theory, SqliteData, PostgresData]
    public async Task The_JSON_holds_every_figure_and_names_in_the_asked_language(SqlDialect dialect)
    {
        await using var f = await MembershipFixture.CreateAsync(dialect);
        await f.ImportAsync("fr,One,one@afnic.fr,+33 1 39 30 83 01");
        var report = await f.Coverage.GetReportAsync();

        var json = CoverageJson.Write(report, "ru");
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;

        foreach (var key in new[] { "delegatedCcTlds", "asciiCcTlds", "idnCcTlds", "memberCcTlds", "members", "missingCcTlds", "regions", "missing", "denominator" })
        {
            Assert.True(root.TryGetProperty(key, out _), key);
        }

        Assert.Equal(12, root.GetProperty("delegatedCcTlds").GetInt32());
        Assert.Equal(1, root.GetProperty("memberCcTlds").GetInt32());
        Assert.Equal(11, root.GetProperty("missingCcTlds").GetInt32());
        Assert.Equal(5, root.GetProperty("regions").GetArrayLength());
        var germany = root.GetProperty("missing").EnumerateArray().Single(m => m.GetProperty("code").GetString() == "de");
        Assert.Equal("Германия", germany.GetProperty("name").GetString());
        Assert.Equal(".de", germany.GetProperty("cctld").GetString());
        Assert.Contains("Германия", json, StringComparison.Ordinal);                   // not \u-escaped
        Assert.Contains("\"cctld\": \".рф\"", json, StringComparison.Ordinal);
        Assert.EndsWith("}\n", json, StringComparison.Ordinal);
        Assert.Contains("\"name\": \"Germany\"", CoverageJson.Write(report, "xx"), StringComparison.Ordinal); // unknown language: English
    }
}
