using TldOps.Core.Storage;
using TldOps.Server.Tests.Support;
using TldOps.Testing;

namespace TldOps.Server.Tests.Cli;

public sealed class DbMigrateCommandTests
{
    [Fact]
    public async Task Migrate_creates_the_database_once_and_then_reports_it_up_to_date()
    {
        using var data = new TempDirectory();

        var first = await CliRunner.RunAsync("db", "migrate", "--data", data.Path);
        var second = await CliRunner.RunAsync("db", "migrate", "--data", data.Path);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(MigrationCatalog.For(SqlDialect.Sqlite).Count, first.Output.Split('\n').Count(l => l.StartsWith("applied ", StringComparison.Ordinal)));
        Assert.Contains("0001_registry", first.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(data.Path, "tldops.db")));
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("is up to date", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_db_option_takes_an_sqlite_path_outside_the_data_folder()
    {
        using var data = new TempDirectory();
        var file = Path.Combine(data.Path, "elsewhere", "custom.db");

        var (exit, output, _) = await CliRunner.RunAsync("db", "migrate", "--data", data.Combine("data"), "--db", file);

        Assert.Equal(0, exit);
        Assert.Contains(file, output, StringComparison.Ordinal);
        Assert.True(File.Exists(file));
    }
}
