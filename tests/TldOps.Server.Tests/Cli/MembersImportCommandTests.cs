using TldOps.Core.Membership;
using TldOps.Core.Registry;
using TldOps.Core.Storage;
using TldOps.Server.Tests.Support;
using TldOps.Testing;

namespace TldOps.Server.Tests.Cli;

public sealed class MembersImportCommandTests
{
    private static readonly CcTld Tld = CcTldCatalog.Shipped.All[0];

    [Theory, SqliteData, PostgresData]
    public async Task A_good_file_is_imported_and_counted(SqlDialect dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        using var data = new TempDirectory();
        var file = data.Combine("members.csv");
        await File.WriteAllTextAsync(file, $"ccTLD,name,email,phone\n{Tld.Display},Ada Example,ada@nic.example,+33 1 39 30 83 01\n{Tld.Code.ToUpperInvariant()},Bo Example,bo@nic.example,+1.613.291.1619\n");

        var (exitCode, output, error) = await CliRunner.RunAsync("members", "import", file, "--data", data.Path, "--db", db.DbArgument);

        Assert.True(exitCode == 0, error);
        Assert.Contains("imported 2 members of 1 ccTLD (csv).", output, StringComparison.Ordinal);
        var stored = await new MemberStore(db.Database, TimeProvider.System, new Core.Common.CryptoRandomSource()).ListAsync();
        Assert.Equal(["+16132911619", "+33139308301"], stored.Select(m => m.OfficePhone!.E164).Order(StringComparer.Ordinal));
        var coverage = await CliRunner.RunAsync("coverage", "--format", "csv", "--data", data.Path, "--db", db.DbArgument);
        Assert.EndsWith($",1,2,{CcTldCatalog.Shipped.All.Count - 1}\n", coverage.Output, StringComparison.Ordinal);
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_bad_file_is_reported_line_by_line_and_nothing_is_stored(SqlDialect dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        using var data = new TempDirectory();
        var file = data.Combine("members.csv");
        await File.WriteAllTextAsync(file,
            "ccTLD,name,email,phone\n" +
            $"{Tld.Code},Ada Example,ada@nic.example,+33 1 39 30 83 01\n" +
            "qq,Nobody,nobody@nic.example,+33 1 39 30 83 02\n" +
            $"{Tld.Code},Bo Example,bo@,01 39 30 83 03\n");

        var (exitCode, output, error) = await CliRunner.RunAsync("members", "import", file, "--data", data.Path, "--db", db.DbArgument);

        Assert.Equal(1, exitCode);
        Assert.Empty(output);
        Assert.Contains("nothing imported; 3 problems", error, StringComparison.Ordinal);
        Assert.Contains("members.csv: line 3: ccTLD: 'qq' is not a delegated ccTLD.", error, StringComparison.Ordinal);
        Assert.Contains("members.csv: line 4: email:", error, StringComparison.Ordinal);
        Assert.Contains("members.csv: line 4: phone:", error, StringComparison.Ordinal);
        Assert.Empty(await new MemberStore(db.Database, TimeProvider.System, new Core.Common.CryptoRandomSource()).ListAsync());
    }

    [Fact]
    public async Task A_dry_run_stores_nothing_and_a_missing_file_is_an_error()
    {
        using var data = new TempDirectory();
        var file = data.Combine("members.csv");
        await File.WriteAllTextAsync(file, $"ccTLD,name,email,phone\n{Tld.Code},Ada Example,ada@nic.example,+33 1 39 30 83 01\n");

        var dry = await CliRunner.RunAsync("members", "import", file, "--dry-run", "--data", data.Path);
        var coverage = await CliRunner.RunAsync("coverage", "--format", "csv", "--data", data.Path);
        var missing = await CliRunner.RunAsync("members", "import", data.Combine("absent.csv"), "--data", data.Path);
        var format = await CliRunner.RunAsync("members", "import", file, "--format", "ldif", "--data", data.Path);

        Assert.Equal(0, dry.ExitCode);
        Assert.Contains("dry run, nothing stored", dry.Output, StringComparison.Ordinal);
        Assert.EndsWith(",0,0," + CcTldCatalog.Shipped.All.Count + "\n", coverage.Output, StringComparison.Ordinal);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("no such file", missing.Error, StringComparison.Ordinal);
        Assert.Equal(1, format.ExitCode);
        Assert.Contains("unknown format 'ldif'; known: csv, mailman", format.Error, StringComparison.Ordinal);
    }
}
