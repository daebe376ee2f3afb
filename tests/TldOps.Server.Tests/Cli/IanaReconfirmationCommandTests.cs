using Dapper;
using TldOps.Core.Storage;
using TldOps.Server.Tests.Support;
using TldOps.Testing;

namespace TldOps.Server.Tests.Cli;

public sealed class IanaReconfirmationCommandTests
{
    [Theory, SqliteData, PostgresData]
    public async Task Importing_a_record_with_a_new_admin_contact_starts_the_reconfirmation_of_the_cctld_s_contacts(SqlDialect dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        using var data = new TempDirectory();
        string[] where = ["--data", data.Path, "--db", db.DbArgument];
        var current = await File.ReadAllTextAsync(SharedCorpus.PathOf("iana-whois", "FR"));
        Directory.CreateDirectory(data.Combine("old"));
        Directory.CreateDirectory(data.Combine("new"));
        await File.WriteAllTextAsync(data.Combine("old", "FR"), current
            .Replace("tld-admin@nic.fr", "old-admin@nic.fr", StringComparison.Ordinal)
            .Replace("changed:      2024-09-09", "changed:      2019-03-01", StringComparison.Ordinal));
        await File.WriteAllTextAsync(data.Combine("new", "FR"), current);
        await File.WriteAllTextAsync(data.Combine("roster.txt"), "\"Jeanne Martin, #1, .fr, +33 1 39 30 83 00\" <jeanne.martin@nic.fr>\n");

        var first = await CliRunner.RunAsync(["iana", "import", data.Combine("old"), .. where]);
        var members = await CliRunner.RunAsync(["members", "import", data.Combine("roster.txt"), .. where]);
        var second = await CliRunner.RunAsync(["iana", "import", data.Combine("new"), .. where]);

        Assert.True(first.ExitCode == 0 && members.ExitCode == 0, first.Error + members.Error);
        Assert.DoesNotContain("Reconfirmation", first.Output, StringComparison.Ordinal);
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Contains("Reconfirmation started for 1 ccTLD with a new administrative contact.", second.Output, StringComparison.Ordinal);
        await using var connection = await db.Database.OpenAsync();
        Assert.Equal("reconfirm", await connection.ExecuteScalarAsync<string>("SELECT state FROM cctld_vetting WHERE cctld = 'fr'"));
        var recipients = await connection.QueryAsync<string>("SELECT recipients FROM queue_entry WHERE queue = 'virgin'");
        Assert.Contains(recipients, r => r.Contains("tld-admin@nic.fr", StringComparison.Ordinal));
        Assert.Equal(0L, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM registry_event WHERE handled_at IS NULL"));
    }
}
