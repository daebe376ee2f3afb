using System.Text.Json;
using System.Text.RegularExpressions;
using TldOps.Core.Registry;
using TldOps.Core.Storage;
using TldOps.Server.Tests.Support;
using TldOps.Testing;

namespace TldOps.Server.Tests.Cli;

public sealed class CoverageCommandTests
{
    [Theory, SqliteData, PostgresData]
    public async Task The_JSON_has_every_key_and_counts_the_shipped_ccTLDs(SqlDialect dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        using var data = new TempDirectory();

        var (exitCode, output, error) = await CliRunner.RunAsync("coverage", "--format", "json", "--data", data.Path, "--db", db.DbArgument);

        Assert.True(exitCode == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        foreach (var key in new[] { "delegatedCcTlds", "asciiCcTlds", "idnCcTlds", "memberCcTlds", "members", "missingCcTlds", "regions", "missing" })
        {
            Assert.True(root.TryGetProperty(key, out _), $"no '{key}'");
        }

        Assert.Equal(CcTldCatalog.Shipped.All.Count, root.GetProperty("delegatedCcTlds").GetInt32());
        Assert.Equal(CcTldCatalog.Shipped.AsciiCount, root.GetProperty("asciiCcTlds").GetInt32());
        Assert.Equal(CcTldCatalog.Shipped.IdnCount, root.GetProperty("idnCcTlds").GetInt32());
        Assert.Equal(root.GetProperty("delegatedCcTlds").GetInt32(), root.GetProperty("asciiCcTlds").GetInt32() + root.GetProperty("idnCcTlds").GetInt32());
        Assert.Equal(CcTldCatalog.Shipped.All.Count, root.GetProperty("missing").GetArrayLength());
        Assert.Equal(5, root.GetProperty("regions").GetArrayLength());
    }

    [Fact]
    public async Task The_table_and_CSV_forms_carry_the_same_figures()
    {
        using var data = new TempDirectory();
        var tld = CcTldCatalog.Shipped.All[0];

        var table = await CliRunner.RunAsync("coverage", "--data", data.Path, "--language", "ru");
        var csv = await CliRunner.RunAsync("coverage", "--format", "csv", "--data", data.Path);

        Assert.Equal(0, table.ExitCode);
        Assert.Contains($"Coverage of the {CcTldCatalog.Shipped.All.Count} delegated ccTLDs", table.Output, StringComparison.Ordinal);
        Assert.Contains("Missing ccTLDs", table.Output, StringComparison.Ordinal);
        Assert.Matches($@"\n  {Regex.Escape(tld.Display)} +{Regex.Escape(tld.Name("ru"))}\n", table.Output);
        var lines = csv.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("region,delegatedCcTlds,asciiCcTlds,idnCcTlds,memberCcTlds,members,missingCcTlds", lines[0]);
        Assert.Equal(7, lines.Length);
        var n = CcTldCatalog.Shipped.All.Count;
        Assert.Equal($"all,{n},{CcTldCatalog.Shipped.AsciiCount},{CcTldCatalog.Shipped.IdnCount},0,0,{n}", lines[^1]);
    }

    [Theory]
    [InlineData("--region", "mars", "Unknown region 'mars'")]
    [InlineData("--format", "xml", "xml")]
    [InlineData("--language", "de", "de")]
    public async Task Bad_options_are_refused_before_any_work(string option, string value, string message)
    {
        using var data = new TempDirectory();

        var (exitCode, _, error) = await CliRunner.RunAsync("coverage", option, value, "--data", data.Path);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(data.Path, "tldops.db")));
    }
}
