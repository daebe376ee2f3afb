using System.Text;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using TldOps.Core.Storage;
using TldOps.Core.Storage.Queues;
using TldOps.Server.Tests.Support;
using TldOps.Testing;

namespace TldOps.Server.Tests.Cli;

public sealed class QueueCommandTests
{
    [Fact]
    public async Task List_show_and_replay_a_quarantined_entry()
    {
        using var data = new TempDirectory();
        var (migrated, _, migrateError) = await CliRunner.RunAsync("db", "migrate", "--data", data.Path);
        Assert.True(migrated == 0, migrateError);
        long id;
        await using (var database = new Database(DatabaseLocation.Resolve(null, data.Path)))
        {
            var store = new QueueStore(database, new QueueSignal(), TimeProvider.System);
            var message = await new MessageStore(database, TimeProvider.System).AddAsync(Encoding.ASCII.GetBytes("From: a@example.org\r\nSubject: stuck\r\n\r\nbody\r\n"));
            id = await store.EnqueueAsync(new NewQueueEntry(QueueNames.Bounces, MessageId: message, Sender: "", Recipients: ["tld-ops-bounces+x@example.net"]));
            var leased = await store.LeaseAsync("n", [QueueNames.Bounces], 1, TimeSpan.FromMinutes(1));
            await store.ApplyAsync("n", [(leased[0], new EntryOutcome.Quarantined("FormatException: report truncated at offset 120"))]);
        }

        var counts = await CliRunner.RunAsync("queue", "list", "--data", data.Path);
        var listed = await CliRunner.RunAsync("queue", "list", "--queue", "quarantine", "--data", data.Path);
        var shown = await CliRunner.RunAsync("queue", "show", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data", data.Path);
        var replayed = await CliRunner.RunAsync("queue", "replay", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "999999", "--data", data.Path);
        var after = await CliRunner.RunAsync("queue", "list", "--queue", "bounces", "--data", data.Path);

        Assert.Equal(0, counts.ExitCode);
        Assert.Matches(@"quarantine\s+1\s+0\s+0", counts.Output);
        Assert.Contains("report truncated at offset 120", listed.Output, StringComparison.Ordinal);
        Assert.Equal(0, shown.ExitCode);
        Assert.Contains("(from bounces)", shown.Output, StringComparison.Ordinal);
        Assert.Contains("Subject: stuck", shown.Output, StringComparison.Ordinal);
        Assert.Equal(1, replayed.ExitCode);
        Assert.Contains($"{id}: replayed", replayed.Output, StringComparison.Ordinal);
        Assert.Contains("999999: not replayed", replayed.Error, StringComparison.Ordinal);
        Assert.Contains("tld-ops-bounces+x@example.net", after.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_counts_the_copies_a_fan_out_under_way_has_still_to_queue()
    {
        using var data = new TempDirectory();
        var (migrated, _, migrateError) = await CliRunner.RunAsync("db", "migrate", "--data", data.Path);
        Assert.True(migrated == 0, migrateError);
        await using (var database = new Database(DatabaseLocation.Resolve(null, data.Path)))
        {
            // Three liaisons; post #1's copy has reached the first of them.
            var message = await new MessageStore(database, TimeProvider.System).AddAsync(Encoding.ASCII.GetBytes("From: a@example.org\r\nSubject: alert\r\n\r\nbody\r\n"));
            await database.InTransactionAsync((c, t) => c.ExecuteAsync(
                """
                INSERT INTO member (public_id, name, email, role, created_at, updated_at) VALUES
                    ('p1', 'One', 'one@example.org', 'liaison', '2026-11-22', '2026-11-22'),
                    ('p2', 'Two', 'two@example.org', 'liaison', '2026-11-22', '2026-11-22'),
                    ('p3', 'Three', 'three@example.org', 'liaison', '2026-11-22', '2026-11-22');
                INSERT INTO list_post (in_entry_id, message_id, size, decision, trace, priority, state, received_at, decided_at, copies)
                    VALUES (1, @message, 40, 'accept', '[]', 0, 'distributed', '2026-11-22', '2026-11-22', 1);
                INSERT INTO list_fanout (post_id, message_id, priority, after_member_id, created_at) VALUES (1, @message, 0, 1, '2026-11-22');
                """, new { message }, t));
        }

        var (exit, output, error) = await CliRunner.RunAsync("queue", "list", "--data", data.Path);

        Assert.True(exit == 0, error);
        Assert.Contains("fan-out of post #1 (priority 0): about 2 more copies to queue", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_names_a_missing_entry_and_fails()
    {
        using var data = new TempDirectory();

        var (exit, _, error) = await CliRunner.RunAsync("queue", "show", "42", "--data", data.Path);

        Assert.Equal(1, exit);
        Assert.Contains("No queue entry 42", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_queue_name_is_a_usage_error()
    {
        using var data = new TempDirectory();

        var (exit, _, error) = await CliRunner.RunAsync("queue", "list", "--queue", "outbox", "--data", data.Path);

        Assert.NotEqual(0, exit);
        Assert.Contains("outbox", error, StringComparison.Ordinal);
    }
}
