using System.Text;
using TldOps.Core.Storage;
using TldOps.Core.Storage.Queues;
using TldOps.Server.Tests.Support;
using TldOps.Testing;

namespace TldOps.Server.Tests.Cli;

public sealed class RepositoryCommandTests
{
    private const string Roster = """
        "Jeanne Martin, #1, .fr, +33 1 39 30 83 00, +33 6 12 34 56 78" <jeanne.martin@nic.fr>
        "Wanjiru Kamau, #1, .ke, +254 20 4450057" <wanjiru@kenic.or.ke>
        "王小明, #1, .cn, +86 10 5881 3000" <wang@cnnic.cn>
        """;

    private static async Task<string[]> ImportRosterAsync(TempDirectory data, TestDatabase db)
    {
        var file = data.Combine("tld-ops.txt");
        await File.WriteAllTextAsync(file, Roster);
        string[] where = ["--data", data.Path, "--db", db.DbArgument];
        var (exit, output, error) = await CliRunner.RunAsync(["members", "import", file, .. where]);
        Assert.True(exit == 0, error);
        Assert.Contains("imported 3 members of 3 ccTLDs (mailman).", output, StringComparison.Ordinal);
        return where;
    }

    [Theory, SqliteData, PostgresData]
    public async Task Preview_prints_the_repository_as_text_in_a_language_and_as_its_attachments(SqlDialect dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        using var data = new TempDirectory();
        var where = await ImportRosterAsync(data, db);

        var french = await CliRunner.RunAsync(["repository", "preview", "--language", "fr", .. where]);
        var csv = await CliRunner.RunAsync(["repository", "preview", "--format", "csv", .. where]);
        var vcard = await CliRunner.RunAsync(["repository", "preview", "--format", "vcard", .. where]);

        Assert.True(french.ExitCode == 0, french.Error);
        Assert.StartsWith("Répertoire des contacts TLD-OPS\n", french.Output, StringComparison.Ordinal);
        Assert.True(french.Output.IndexOf("AFRIQUE", StringComparison.Ordinal) < french.Output.IndexOf("EUROPE", StringComparison.Ordinal));
        Assert.Contains("+33612345678", french.Output, StringComparison.Ordinal);
        Assert.All(french.Output.Split('\n'), l => Assert.True(Core.ContactDirectory.DisplayWidth.Of(l) <= 80, l));
        Assert.StartsWith("region,cctld,cctld_unicode,country,name,", csv.Output, StringComparison.Ordinal);
        Assert.Equal(4, csv.Output.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(3, vcard.Output.Split("BEGIN:VCARD").Length - 1);
        var bad = await CliRunner.RunAsync(["repository", "preview", "--format", "pdf", .. where]);
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("pdf", bad.Error, StringComparison.Ordinal);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Send_now_queues_one_bulk_mail_per_language_for_every_active_member(SqlDialect dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        using var data = new TempDirectory();
        var where = await ImportRosterAsync(data, db);

        var refused = await CliRunner.RunAsync(["repository", "send", .. where]);
        var sent = await CliRunner.RunAsync(["repository", "send", "--now", .. where]);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--now", refused.Error, StringComparison.Ordinal);
        Assert.True(sent.ExitCode == 0, sent.Error);
        Assert.Contains("Queued the contact repository for 3 members (1 message, one per language).", sent.Output, StringComparison.Ordinal);
        var entries = await new QueueStore(db.Database, new QueueSignal(), TimeProvider.System).ListAsync(QueueNames.Virgin, null);
        var entry = Assert.Single(entries);
        Assert.Equal(QueuePriority.Bulk, entry.Priority);
        Assert.Equal(["jeanne.martin@nic.fr", "wang@cnnic.cn", "wanjiru@kenic.or.ke"], entry.RecipientList.Order(StringComparer.Ordinal));
        Assert.StartsWith("repository:manual:", entry.Correlation, StringComparison.Ordinal);
        var raw = await new MessageStore(db.Database, TimeProvider.System).GetAsync(entry.MessageId!.Value);
        var message = TldOps.Mail.Mime.MimeMessage.Load(raw!);
        Assert.Equal(["text/csv", "text/vcard"], message.Attachments.Select(a => a.ContentType.MimeType));
        Assert.Contains("wang@cnnic.cn", Encoding.UTF8.GetString(message.Attachments.First().GetDecodedContent()), StringComparison.Ordinal);
    }
}
