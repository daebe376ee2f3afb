using System.Collections.Concurrent;
using System.Globalization;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TldOps.Core.Common;
using TldOps.Core.Lists.Runners;
using TldOps.Core.Membership;
using TldOps.Core.Registry;
using TldOps.Core.Storage;
using TldOps.Mail.Smtp;
using TldOps.Mail.Smtp.Client;
using TldOps.Mail.Smtp.Sink;
using TldOps.Server.Hosting;
using TldOps.Server.Tests.Support;
using TldOps.Testing;
using Xunit.Abstractions;

namespace TldOps.Server.Tests.Lists;

/// <summary>
/// The crash proof of issue 5: the real <c>tldops serve</c> executable is killed with SIGKILL in
/// the middle of a fan-out and started again on the same data. Every member must get the post;
/// copies sent twice (handed to the next hop, but not yet recorded when the process died) are
/// counted and must stay within the in-flight window of the outgoing runners. The bench runs the
/// same with 10,000 members; 2,000 keep this test to about a minute on a small machine.
/// </summary>
public sealed class ListCrashTests(ITestOutputHelper output)
{
    private const int Members = 2_000;

    private const string Posting = "tld-ops@lists.example";

    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Theory, SqliteData, PostgresData]
    public async Task Kill_9_mid_fan_out_then_restart_every_member_gets_the_post_and_duplicates_stay_within_the_in_flight_window(SqlDialect dialect)
    {
        await using var database = await TestDatabase.CreateAsync(dialect);
        using var data = new TempDirectory("tldops-crash");
        var db = database.DbArgument;
        // The real command loads the ccTLD reference data the members point at.
        var (exitCode, migrated, error) = await CliRunner.RunAsync("--data", data.Path, "--db", db, "db", "migrate");
        Assert.True(exitCode == 0, migrated + error);
        var members = await AddMembersAsync(database.Database);

        var perRecipient = new ConcurrentDictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var killAt = Members / 3;
        long copies = 0;
        ServeProcess? victim = null;
        var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var sink = new SmtpSink(new SmtpSinkOptions());
        sink.MessageRecorded += (_, message) =>
        {
            foreach (var recipient in message.Envelope.Recipients)
            {
                perRecipient.AddOrUpdate(recipient.Address, 1, (_, n) => n + 1);
            }

            // Before this copy's 250 is even sent: the server dies in the middle of the fan-out.
            if (Interlocked.Increment(ref copies) == killAt && Volatile.Read(ref victim) is { } serve)
            {
                serve.KillHard();
                killed.TrySetResult();
            }
        };
        await sink.StartAsync();

        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["TLDOPS__Lists__Domain"] = "lists.example",
            // A DMARC look-up of the author's domain would wait for DNS, which tests do not use.
            ["TLDOPS__Lists__DmarcMitigation"] = "Never",
        };
        var smarthost = $"127.0.0.1:{sink.EndPoint.Port}";
        var window = await InFlightWindowAsync(data.Path, db, environment, smarthost);

        int atKill;
        await using (var first = await ServeProcess.StartAsync(data.Path, db, environment, "--smarthost", smarthost))
        {
            Volatile.Write(ref victim, first);
            await PostAsync(first.SmtpPort, members[0].Email);
            await killed.Task.WaitAsync(Patience);
            await first.WaitForExitAsync(TimeSpan.FromSeconds(30));
            atKill = perRecipient.Count;
        }

        Assert.InRange(atKill, 1, Members - 1);

        await using var second = await ServeProcess.StartAsync(data.Path, db, environment, "--smarthost", smarthost);
        var deadline = DateTime.UtcNow + Patience;
        while (!(perRecipient.Count == Members && await WaitingCopiesAsync(database.Database) == 0))
        {
            Assert.True(DateTime.UtcNow < deadline,
                $"After the restart only {perRecipient.Count} of {Members} members had the post within {Patience.TotalMinutes} minutes.\n{second.Tail}");
            Assert.False(second.HasExited, $"The restarted server exited.\n{second.Tail}");
            await Task.Delay(200);
        }

        var total = perRecipient.Values.Sum();
        var duplicates = total - perRecipient.Count;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{dialect}: {Members:N0} members; kill -9 after {killAt:N0} copies ({atKill:N0} members had theirs); after the restart every member had the post: " +
            $"{total:N0} copies, {duplicates} duplicates ({perRecipient.Values.Count(v => v > 1)} members twice); in-flight window {window}"));

        Assert.Equal(members.Select(m => m.Email).Order(StringComparer.OrdinalIgnoreCase), perRecipient.Keys.Order(StringComparer.OrdinalIgnoreCase));
        Assert.All(perRecipient.Values, count => Assert.InRange(count, 1, 2));
        Assert.InRange(duplicates, 0, window);
        // The server's own record: one out entry per member, each delivered once as far as it knows, none quarantined.
        var states = await CopyStatesAsync(database.Database);
        Assert.Equal(new[] { ("out", "done", Members) }, states);
    }

    /// <summary>
    /// The in-flight window of the server under test, read from its outgoing runners as they are
    /// built from the same settings: each runner holds at most its <see cref="Core.Storage.Queues.QueueRunner.InFlightLimit"/>
    /// entries between leasing and recording, and both take the alert lane this post travels in.
    /// </summary>
    private static async Task<int> InFlightWindowAsync(string dataDirectory, string db, IReadOnlyDictionary<string, string> environment, string smarthost)
    {
        var configuration = TldOpsConfiguration.Build(
        [
            new($"{StorageSettings.Section}:{nameof(StorageSettings.DataDirectory)}", dataDirectory),
            new($"{StorageSettings.Section}:{nameof(StorageSettings.Database)}", db),
            new("Lists:Delivery:Smarthost", smarthost),
            .. environment.Select(e => new KeyValuePair<string, string?>(e.Key[TldOpsConfiguration.EnvironmentPrefix.Length..].Replace("__", ":", StringComparison.Ordinal), e.Value)),
        ]);
        var services = new ServiceCollection().AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning)).AddTldOps(configuration);
        await using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<OutgoingRunner>().InFlightLimit + provider.GetRequiredService<AlertOutgoingRunner>().InFlightLimit;
    }

    /// <summary>Members over every ccTLD of the reference data (a handful each), all active.</summary>
    private static async Task<IReadOnlyList<Member>> AddMembersAsync(Database database)
    {
        var codes = CcTldCatalog.Shipped.All.Where(c => c.Kind == CcTldKind.Ascii).Select(c => c.Code).Order(StringComparer.Ordinal).ToList();
        var people = Enumerable.Range(0, Members).Select(i =>
        {
            var cctld = codes[i % codes.Count];
            return new NewMember(cctld, string.Create(CultureInfo.InvariantCulture, $"Contact {i}"),
                string.Create(CultureInfo.InvariantCulture, $"contact{i}@nic.{cctld}.example"), null, null, MemberRole.Member, Language.All[i % Language.All.Count]);
        }).ToList();
        var added = await new MemberStore(database, TimeProvider.System, new CryptoRandomSource()).AddAllAsync(people);
        Assert.True(added.IsSuccess, added.Problem?.Message);
        return added.Value;
    }

    private static async Task PostAsync(int port, string from)
    {
        var raw = System.Text.Encoding.UTF8.GetBytes(
            $"From: Ana Contact <{from}>\r\nTo: {Posting}\r\nSubject: [ALERT] [DDoS] Query flood against our name servers TLP:AMBER\r\n" +
            $"Message-ID: <{Guid.NewGuid():N}@test.example>\r\nDate: Sat, 21 Nov 2026 10:00:00 +0000\r\n\r\n" +
            "TLP:AMBER\r\nSince 06:10 UTC our anycast nodes receive 2 million queries per second of random subdomains.\r\n");
        await using var client = new SmtpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await client.ConnectAsync("127.0.0.1", port, timeout.Token);
        var result = await client.SendAsync(new SmtpEnvelope(SmtpAddress.Parse(from), [SmtpAddress.Parse(Posting)]), raw, timeout.Token);
        Assert.True(result.AllAccepted, string.Join("; ", result.Recipients));
        await client.QuitAsync(timeout.Token);
    }

    /// <summary>Copies the server has not finished with (ready in <c>out</c> or waiting in <c>retry</c>).</summary>
    private static async Task<long> WaitingCopiesAsync(Database database)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM queue_entry WHERE queue IN ('out', 'retry') AND state = 'ready'");
    }

    /// <summary>Where the copies are, by queue and state (a quarantined copy stays "ready" in queue quarantine).</summary>
    private static async Task<List<(string Queue, string State, int Count)>> CopyStatesAsync(Database database)
    {
        await using var connection = await database.OpenAsync();
        var rows = await connection.QueryAsync<StateCount>(
            """
            SELECT queue AS Queue, state AS State, COUNT(*) AS Count FROM queue_entry
            WHERE queue IN ('out', 'retry', 'quarantine') GROUP BY queue, state ORDER BY queue, state
            """);
        return rows.Select(r => (r.Queue, r.State, (int)r.Count)).ToList();
    }

    private sealed class StateCount
    {
        public string Queue { get; init; } = string.Empty;

        public string State { get; init; } = string.Empty;

        public long Count { get; init; }
    }
}
