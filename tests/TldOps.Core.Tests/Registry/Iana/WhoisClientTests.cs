using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using TldOps.Core.Registry.Iana;
using TldOps.Core.Storage;
using TldOps.Testing;

namespace TldOps.Core.Tests.Registry.Iana;

public sealed class WhoisClientTests
{
    private static readonly TimeSpan TestLimit = TimeSpan.FromSeconds(30);

    /// <summary>Options against the test server; timeouts off so that only pacing and back-off set timers on the manual clock.</summary>
    private static WhoisClientOptions Options(WhoisTestServer server, int maxAttempts = 3) => new()
    {
        Host = "127.0.0.1",
        Port = server.Port,
        ConnectTimeout = Timeout.InfiniteTimeSpan,
        ReadTimeout = Timeout.InfiniteTimeSpan,
        MaxAttempts = maxAttempts,
    };

    [Fact]
    public async Task Queries_are_spaced_by_the_minimum_interval_on_the_clock()
    {
        var clock = new ManualTimeProvider { AutoAdvance = true };
        await using var server = new WhoisTestServer(clock);
        using var client = new WhoisClient(Options(server), clock);

        var de = await client.QueryAsync("DE").WaitAsync(TestLimit);
        var rf = await client.QueryAsync("рф").WaitAsync(TestLimit);
        var yu = await client.QueryAsync(".yu").WaitAsync(TestLimit);

        Assert.Equal("ianacontact@denic.de", de.Delegation!.AdministrativeContact!.Email);
        Assert.Equal("xn--p1ai", rf.Tld);
        Assert.True(yu.IsNotFound);
        Assert.Equal(["de", "xn--p1ai", "yu"], server.Queries.Select(q => q.Query));
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)], clock.Waits);
        var times = server.Queries.Select(q => q.At).ToList();
        Assert.Equal(TimeSpan.FromSeconds(1), times[1] - times[0]);
        Assert.Equal(TimeSpan.FromSeconds(1), times[2] - times[1]);
    }

    [Fact]
    public async Task A_query_after_a_long_enough_pause_does_not_wait()
    {
        var clock = new ManualTimeProvider();
        await using var server = new WhoisTestServer(clock);
        using var client = new WhoisClient(Options(server), clock);

        await client.QueryAsync("de").WaitAsync(TestLimit);
        clock.Advance(TimeSpan.FromSeconds(5));
        await client.QueryAsync("fr").WaitAsync(TestLimit);

        Assert.Empty(clock.Waits);
    }

    [Fact]
    public async Task A_connection_closed_without_an_answer_is_retried_after_a_back_off()
    {
        var clock = new ManualTimeProvider { AutoAdvance = true };
        await using var server = new WhoisTestServer(clock, (n, _) => n == 0 ? WhoisServerAction.CloseSilently : WhoisServerAction.Answer);
        using var client = new WhoisClient(Options(server), clock);

        var answer = await client.QueryAsync("de").WaitAsync(TestLimit);

        Assert.Equal("de", answer.Tld);
        Assert.Equal(2, server.Queries.Count);
        Assert.Equal([TimeSpan.FromSeconds(2)], clock.Waits);
    }

    [Fact]
    public async Task A_connection_reset_in_the_middle_of_the_answer_is_retried()
    {
        var clock = new ManualTimeProvider { AutoAdvance = true };
        await using var server = new WhoisTestServer(clock, (n, _) => n < 2 ? WhoisServerAction.ResetMidAnswer : WhoisServerAction.Answer);
        using var client = new WhoisClient(Options(server), clock);

        var answer = await client.QueryAsync("fr").WaitAsync(TestLimit);

        Assert.Equal("tld-admin@nic.fr", answer.Delegation!.AdministrativeContact!.Email);
        Assert.Equal(3, server.Queries.Count);
        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], clock.Waits);
    }

    [Fact]
    public async Task Retries_are_bounded_and_the_last_failure_is_thrown()
    {
        var clock = new ManualTimeProvider { AutoAdvance = true };
        await using var server = new WhoisTestServer(clock, (_, _) => WhoisServerAction.CloseSilently);
        using var client = new WhoisClient(Options(server), clock);

        var error = await Assert.ThrowsAsync<DelegationQueryException>(() => client.QueryAsync("de").WaitAsync(TestLimit));

        Assert.Equal(DelegationQueryFailure.ConnectionClosed, error.Failure);
        Assert.True(error.IsTransient);
        Assert.Equal(3, server.Queries.Count);
        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], clock.Waits);
    }

    [Fact]
    public async Task A_server_that_never_answers_times_out()
    {
        await using var server = new WhoisTestServer(TimeProvider.System, (_, _) => WhoisServerAction.Hang);
        var options = Options(server, maxAttempts: 1);
        options.ReadTimeout = TimeSpan.FromMilliseconds(300);
        using var client = new WhoisClient(options, TimeProvider.System);

        var error = await Assert.ThrowsAsync<DelegationQueryException>(() => client.QueryAsync("de").WaitAsync(TestLimit));

        Assert.Equal(DelegationQueryFailure.Timeout, error.Failure);
        Assert.Contains("no complete answer within 0.3 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_timeout_runs_on_the_injected_clock()
    {
        var clock = new ManualTimeProvider();
        await using var server = new WhoisTestServer(clock, (_, _) => WhoisServerAction.Hang);
        var options = Options(server, maxAttempts: 1);
        options.ReadTimeout = TimeSpan.FromSeconds(20);
        using var client = new WhoisClient(options, clock);

        var query = client.QueryAsync("de");
        // Bounded wait until the server has the query, then let 20 seconds pass on the test clock.
        for (var i = 0; i < 500 && server.Queries.Count == 0; i++)
        {
            await Task.Delay(10);
        }

        Assert.Single(server.Queries);
        Assert.False(query.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(20));
        var error = await Assert.ThrowsAsync<DelegationQueryException>(() => query.WaitAsync(TestLimit));

        Assert.Equal(DelegationQueryFailure.Timeout, error.Failure);
    }

    [Fact]
    public async Task An_answer_over_the_cap_is_refused_without_retrying()
    {
        var clock = new ManualTimeProvider { AutoAdvance = true };
        await using var server = new WhoisTestServer(clock);
        var options = Options(server);
        options.MaxResponseBytes = 1000;
        using var client = new WhoisClient(options, clock);

        var error = await Assert.ThrowsAsync<DelegationQueryException>(() => client.QueryAsync("de").WaitAsync(TestLimit));

        Assert.Equal(DelegationQueryFailure.ResponseTooLarge, error.Failure);
        Assert.False(error.IsTransient);
        Assert.Single(server.Queries);
    }

    [Fact]
    public async Task A_refused_connection_is_a_connect_failure_after_the_retries()
    {
        var clock = new ManualTimeProvider { AutoAdvance = true };
        var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        using var client = new WhoisClient(new WhoisClientOptions { Host = "127.0.0.1", Port = port, MaxAttempts = 2, ConnectTimeout = Timeout.InfiniteTimeSpan }, clock);

        var error = await Assert.ThrowsAsync<DelegationQueryException>(() => client.QueryAsync("de").WaitAsync(TestLimit));

        Assert.Equal(DelegationQueryFailure.ConnectFailed, error.Failure);
        Assert.IsType<SocketException>(error.InnerException);
        Assert.Equal([TimeSpan.FromSeconds(2)], clock.Waits);
    }

    [Fact]
    public async Task Cancelling_while_waiting_for_a_turn_is_a_cancellation_not_a_timeout()
    {
        var clock = new ManualTimeProvider();
        await using var server = new WhoisTestServer(clock);
        using var client = new WhoisClient(Options(server), clock);
        await client.QueryAsync("de").WaitAsync(TestLimit);
        using var cancel = new CancellationTokenSource();

        var waiting = client.QueryAsync("fr", cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TestLimit));
        Assert.Single(server.Queries);
    }

    [Fact]
    public async Task A_malformed_answer_is_a_format_error_naming_the_line()
    {
        var clock = new ManualTimeProvider { AutoAdvance = true };
        await using var server = new WhoisTestServer(clock);
        var de = await File.ReadAllTextAsync(IanaCorpus.Current("DE"));
        server.SetAnswer("de", System.Text.Encoding.UTF8.GetBytes(de.Replace("created:      1986-11-05", "created:      yesterday", StringComparison.Ordinal)));
        using var client = new WhoisClient(Options(server), clock);

        var error = await Assert.ThrowsAsync<WhoisFormatException>(() => client.QueryAsync("de").WaitAsync(TestLimit));

        Assert.Equal(45, error.LineNumber);
        Assert.Single(server.Queries);
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_live_sync_stores_each_answer_and_reports_the_failures(SqlDialect dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        var clock = new ManualTimeProvider { AutoAdvance = true };
        await using var server = new WhoisTestServer(clock, (_, query) => query == "fr" ? WhoisServerAction.CloseSilently : WhoisServerAction.Answer);
        server.SetAnswer("xn--p1ai", "garbage\n"u8.ToArray());
        using var client = new WhoisClient(Options(server, maxAttempts: 2), clock);
        var store = new DelegationStore(db.Database, TimeProvider.System);
        var importer = new IanaImporter(store, NullLogger<IanaImporter>.Instance);
        var progress = new List<IanaImportProgress>();

        var report = await importer.SyncAsync(client, ["de", "fr", "xn--p1ai", "yu"], new SynchronousProgress<IanaImportProgress>(progress.Add)).WaitAsync(TestLimit);

        Assert.Equal(["de", "yu"], report.Outcomes.Select(o => o.Tld));
        Assert.Equal([DelegationOutcomeKind.Added, DelegationOutcomeKind.NotFound], report.Outcomes.Select(o => o.Kind));
        Assert.Equal(2, report.Errors.Count);
        Assert.Equal($"whois:127.0.0.1:{server.Port} fr", report.Errors[0].Origin);
        Assert.Null(report.Errors[0].Line);
        Assert.Contains("closed the connection without answering", report.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(new IanaImportError($"whois:127.0.0.1:{server.Port} xn--p1ai", 1, "expected a 'domain:' line or the 'IANA Whois Service' banner"), report.Errors[1]);
        Assert.NotNull(await store.GetAsync("de"));
        Assert.Equal(new IanaImportCounts(4, 1, 0, 0, 0, 1, 0, 2), (await store.GetImportAsync(report.ImportId))!.Counts);
        Assert.Equal([0, 1, 2, 3, 4], progress.Select(p => p.Done));
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
