using TldOps.Core.Audit;
using TldOps.Core.Membership.Accounts;
using TldOps.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using TldOps.Server.Cli;
using TldOps.Server.Cli.Serve;
using TldOps.Server.Hosting;
using TldOps.Server.Tests.Support;
using TldOps.Testing;

namespace TldOps.Server.Tests.Cli.Committee;

public sealed class CommitteeCommandTests
{
    [Theory, SqliteData, PostgresData]
    public async Task An_operator_adds_a_new_chair_and_the_act_is_audited_as_the_cli(SqlDialect dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        using var data = new TempDirectory();

        var empty = await Run(db, data, "committee", "list");
        var added = await Run(db, data, "committee", "add", "Chair@NIC.example", "--name", "Carla Chair", "--cctld", ".FR", "--position", "chair", "--security");
        var listed = await Run(db, data, "committee", "list");

        Assert.Equal(0, empty.ExitCode);
        Assert.Contains("No committee yet", empty.Error, StringComparison.Ordinal);
        Assert.True(added.ExitCode == 0, added.Error);
        Assert.Contains("Carla Chair <Chair@nic.example> (.fr) is now committee (chair, security subcommittee)", added.Output, StringComparison.Ordinal);
        Assert.Contains("committee (chair, security subcommittee)", listed.Output, StringComparison.Ordinal);
        Assert.Contains("[no TOTP yet]", listed.Output, StringComparison.Ordinal);
        var audit = await new AuditLog(db.Database, TimeProvider.System).ListAsync();
        var row = Assert.Single(audit);
        Assert.Equal(("operator", "member-added", "cli", "fr"), (row.Actor, row.Action, row.Authority, row.CcTld));
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_member_already_on_the_list_is_promoted(SqlDialect dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        using var data = new TempDirectory();
        var roster = data.Combine("members.csv");
        await File.WriteAllTextAsync(roster, "ccTLD,name,email,phone\nfr,Ada Example,ada@nic.example,+33 1 39 30 83 01\nde,Ada Example,ada@nic.example,+49 69 27235 0\n");
        Assert.Equal(0, (await Run(db, data, "members", "import", roster)).ExitCode);

        var ambiguous = await Run(db, data, "committee", "add", "ada@nic.example");
        var promoted = await Run(db, data, "committee", "add", "ada@nic.example", "--cctld", "de", "--position", "vice-chair");

        Assert.Equal(ExitCodes.Failure, ambiguous.ExitCode);
        Assert.Contains("several ccTLDs", ambiguous.Error, StringComparison.Ordinal);
        Assert.True(promoted.ExitCode == 0, promoted.Error);
        Assert.Contains("(.de) is now committee (vice-chair)", promoted.Output, StringComparison.Ordinal);
        var audit = Assert.Single(await new AuditLog(db.Database, TimeProvider.System).ListAsync(), a => a.Action == "role-changed");
        Assert.Equal(("operator", "cli", "de"), (audit.Actor, audit.Authority, audit.CcTld));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Mistakes_are_explained_and_change_nothing(SqlDialect dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        using var data = new TempDirectory();
        Assert.Equal(0, (await Run(db, data, "committee", "add", "chair@nic.example", "--name", "Carla Chair", "--cctld", "fr", "--position", "chair")).ExitCode);

        var unknown = await Run(db, data, "committee", "add", "nobody@nic.example");
        var secondChair = await Run(db, data, "committee", "add", "other@nic.example", "--name", "Otto Other", "--cctld", "de", "--position", "chair");
        var badTld = await Run(db, data, "committee", "add", "x@nic.example", "--name", "X", "--cctld", "zz");
        var badPosition = await Run(db, data, "committee", "add", "x@nic.example", "--position", "king");

        Assert.Equal(ExitCodes.Failure, unknown.ExitCode);
        Assert.Contains("give --name and --cctld", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Failure, secondChair.ExitCode);
        Assert.Contains("already has a chair", secondChair.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Failure, badTld.ExitCode);
        Assert.Contains("ccTLD: 'zz' is not a delegated ccTLD", badTld.Error, StringComparison.Ordinal);
        Assert.NotEqual(0, badPosition.ExitCode);
        Assert.Single(await new AuditLog(db.Database, TimeProvider.System).ListAsync());
    }

    [Fact]
    public async Task Serve_prints_a_one_time_enrolment_link_until_the_committee_exists()
    {
        using var data = new TempDirectory();
        var first = await ServeOnceAsync(data);
        var second = await ServeOnceAsync(data);
        await using var db = new Database(DatabaseLocation.Resolve(null, data.Path));
        var tokens = new TldOps.Core.Security.ActionTokens(db, new TldOps.Core.Security.InstallationSecrets(db, new Core.Common.CryptoRandomSource(), TimeProvider.System), new Core.Common.CryptoRandomSource(), TimeProvider.System);

        Assert.NotEqual(first, second);
        Assert.Equal(TldOps.Core.Security.TokenStatus.Used, (await tokens.CheckAsync(MailLinks.TokenOf(first), CommitteeEnrolment.Purpose)).Status);
        Assert.True((await tokens.CheckAsync(MailLinks.TokenOf(second), CommitteeEnrolment.Purpose)).IsValid);

        Assert.Equal(0, (await CliRunner.RunAsync("committee", "add", "chair@nic.example", "--name", "Carla Chair", "--cctld", "fr", "--position", "chair", "--data", data.Path)).ExitCode);
        var configuration = CliRuntime.BuildConfiguration(TldOpsCommandLine.Build().Parse(["serve", "--data", data.Path]));
        await using (var app = ServeHost.Build(configuration))
        {
            using var output = new StringWriter();
            await app.Services.GetRequiredService<DatabaseStartup>().PrepareAsync();
            await FirstCommitteeLink.PrintAsync(app.Services, output, CancellationToken.None);
            Assert.Empty(output.ToString());
        }

        Assert.Equal(TldOps.Core.Security.TokenStatus.Used, (await tokens.CheckAsync(MailLinks.TokenOf(second), CommitteeEnrolment.Purpose)).Status);
    }

    private static async Task<string> ServeOnceAsync(TempDirectory data)
    {
        var output = new WatchedWriter();
        await RunServeUntilAsync(data, output, "It works once");
        var text = output.Text;
        var start = text.IndexOf("http://", StringComparison.Ordinal);
        return text[start..text.IndexOf('\n', start)].Trim();
    }

    // Runs `tldops serve` in-process until its output shows the needle (or the command ends, which
    // the caller's assertions then show), then stops it.
    private static async Task RunServeUntilAsync(TempDirectory data, WatchedWriter output, string needle)
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        using var error = new WatchedWriter();
        var serve = TldOpsCommandLine.InvokeAsync(["serve", "--urls", "http://127.0.0.1:0", "--smtp", "127.0.0.1:0", "--data", data.Path], output, error, stop.Token);
        try
        {
            await Task.WhenAny(output.WaitForAsync(needle), serve).WaitAsync(stop.Token);
        }
        finally
        {
            await stop.CancelAsync();
            await serve;
        }
    }

    private static Task<(int ExitCode, string Output, string Error)> Run(TestDatabase db, TempDirectory data, params string[] args) =>
        CliRunner.RunAsync([.. args, "--data", data.Path, "--db", db.DbArgument]);
}
