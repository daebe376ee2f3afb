using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using TldOps.Mail.Smtp;
using TldOps.Mail.Smtp.Client;

namespace TldOps.Bench.Fanout;

/// <summary>
/// The list engine's whole-system benchmark (not BenchmarkDotNet: every iteration needs a fresh
/// database and a real server process). For each N, one post from a member goes over SMTP to a
/// real <c>tldops serve</c> with N members and a smarthost that is our loopback sink in this
/// process; the time runs from the 250 reply to the arrival of the N-th copy. In the same run the
/// ceiling is measured: the same N copies blasted through our pooled, pipelined SmtpClient (same
/// connection limit, same concurrency as the server's outgoing runner) to the same sink. Also:
/// the idle memory of <c>tldops serve</c>, and a crash run (kill -9 mid fan-out, restart, count
/// copies per recipient).
///
/// <c>dotnet run -c Release --project bench/TldOps.Bench -- fanout [--sizes 1000,10000] [--runs 3] [--crash 10000]</c>
/// </summary>
internal static class FanoutBench
{
    // What the server runs with (Lists:Delivery defaults, or --set): the ceiling gets the same.
    private static int Concurrency => Setting("Concurrency", 16);

    private static int Connections => Setting("MaxConnectionsPerDestination", 8);

    private static int LeaseBatch => Setting("LeaseBatch", 128);

    private static int AlertConcurrency => Setting("AlertConcurrency", 4);

    private const string Posting = "tld-ops@lists.example";

    private static readonly Dictionary<string, string> Environment = new(StringComparer.Ordinal)
    {
        ["TLDOPS__Lists__Domain"] = "lists.example",
        // The DMARC look-up of the author's domain would go to DNS, which this machine lacks.
        ["TLDOPS__Lists__DmarcMitigation"] = "Never",
        ["TLDOPS__Logging__LogLevel__Default"] = "Warning",
    };

    /// <summary>--keep: leave the data folders (database, serve.log) for a look afterwards.</summary>
    private static bool Keep { get; set; }

    /// <summary>--verbose: where each fan-out's time went, seen from the sink (first copy, pauses).</summary>
    private static bool Verbose { get; set; }

    /// <summary>--subject TEXT: the post's subject ([ALERT] by default: both outgoing runners work on alerts).</summary>
    private static string Subject { get; set; } = "[ALERT] [DDoS] Query flood against our authoritative servers TLP:AMBER";

    /// <summary>--postgres ADMINCONN: run on a fresh PostgreSQL database per run instead of SQLite.</summary>
    private static string? Postgres { get; set; }

    public static async Task<int> RunAsync(string[] args)
    {
        var sizes = Option(args, "--sizes", "1000,10000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
        var runs = int.Parse(Option(args, "--runs", "3"), CultureInfo.InvariantCulture);
        var crash = int.Parse(Option(args, "--crash", "10000"), CultureInfo.InvariantCulture);
        Keep = args.Contains("--keep");
        Verbose = args.Contains("--verbose");
        for (var i = 0; i + 1 < args.Length; i++)
        {
            if (args[i] == "--set" && args[i + 1].Split('=', 2) is [var key, var value])
            {
                // --set Lists:Delivery:LeaseBatch=512 tries another setting of the server.
                Environment["TLDOPS__" + key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }
            else if (args[i] == "--env" && args[i + 1].Split('=', 2) is [var name, var setting])
            {
                // --env DOTNET_gcServer=1 tries a runtime setting.
                Environment[name] = setting;
            }
        }

        Subject = Option(args, "--subject", Subject);
        Postgres = args.Contains("--postgres") ? Option(args, "--postgres", string.Empty) : null;
        await using var sink = new CountingSink();
        await sink.StartAsync();
        Console.WriteLine($"# fan-out bench, {DateTime.UtcNow:u}, {System.Environment.ProcessorCount} cores, load {LoadAverage()}");

        Console.WriteLine("| N | run | first post after start | second post | copies/s | raw ceiling | ceiling copies/s | second post / ceiling | serve RSS after |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var n in sizes)
        {
            var results = new List<Run>();
            for (var run = 1; run <= runs; run++)
            {
                var r = await MeasureAsync(sink, n);
                results.Add(r);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {n:N0} | {run} | {r.Cold:0.000} s | {r.Warm:0.000} s | {n / r.Warm:N0} | {r.Ceiling:0.000} s | {n / r.Ceiling:N0} | {r.Ceiling / r.Warm:P0} | {r.Rss / 1048576.0:0} MB |"));
            }

            var cold = Median(results.Select(r => r.Cold));
            var warm = Median(results.Select(r => r.Warm));
            var ceiling = Median(results.Select(r => r.Ceiling));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {n:N0} | median | {cold:0.000} s | {warm:0.000} s | {n / warm:N0} | {ceiling:0.000} s | {n / ceiling:N0} | {ceiling / warm:P0} | |"));
        }

        var idle = await IdleMemoryAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"\nidle tldops serve (SQLite, empty list, 20 s after start): RSS {idle / 1048576.0:0} MB"));
        if (crash > 0)
        {
            await CrashAsync(sink, crash);
        }

        return 0;
    }

    /// <summary>
    /// One run: a fresh database with N members and a fresh server; a first post (the server has
    /// just started: its code is not compiled yet) and a second one (warm, as a server that has
    /// been running); then the ceiling with the same copy.
    /// </summary>
    private static async Task<Run> MeasureAsync(CountingSink sink, int n)
    {
        var data = await BenchData.CreateAsync(n, Environment, Postgres, Keep);
        try
        {
            var port = FreePort();
            double cold, warm;
            long rss;
            await using (var serve = await ServeProcess.StartAsync(data.Folder, port, sink.Port, data.Environment))
            {
                cold = await PostAndWaitAsync(sink, port, n);
                warm = await PostAndWaitAsync(sink, port, n);
                rss = serve.ResidentBytes();
                await serve.StopAsync();
            }

            var copy = await data.OneCopyAsync();
            sink.Reset(n);
            var ceiling = await BlastAsync(sink, copy, n);
            return new Run(cold, warm, ceiling, rss);
        }
        finally
        {
            await data.DisposeAsync();
        }
    }

    private static async Task<double> PostAndWaitAsync(CountingSink sink, int port, int n)
    {
        sink.Reset(n);
        var accepted = await PostAsync(port, "contact0@nic.ac.example");
        var last = await sink.WaitAsync(TimeSpan.FromMinutes(5));
        if (Verbose)
        {
            Console.WriteLine("  " + sink.Gaps(accepted));
        }

        return Stopwatch.GetElapsedTime(accepted, last).TotalSeconds;
    }

    private sealed record Run(double Cold, double Warm, double Ceiling, long Rss);

    /// <summary>The ceiling: N personalised envelopes of the same bytes, pooled and pipelined, as fast as the sink takes them.</summary>
    private static async Task<double> BlastAsync(CountingSink sink, byte[] copy, int n)
    {
        var poolOptions = SmtpConnectionPoolOptions.Default.Clone();
        poolOptions.MaxConnectionsPerDestination = Connections;
        await using var pool = new SmtpConnectionPool(poolOptions.Freeze());
        var destination = new SmtpDestination("127.0.0.1", sink.Port, SmtpStartTlsPolicy.None);
        var next = -1;
        var start = Stopwatch.GetTimestamp();
        var senders = Enumerable.Range(0, Concurrency).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < n; i = Interlocked.Increment(ref next))
            {
                var envelope = new SmtpEnvelope(
                    SmtpAddress.Parse(string.Create(CultureInfo.InvariantCulture, $"tld-ops-bounces+m{i:D9}@lists.example")),
                    [SmtpAddress.Parse(string.Create(CultureInfo.InvariantCulture, $"contact{i}@blast.example"))]);
                await pool.SendAsync(destination, envelope, copy);
            }
        })).ToList();
        await Task.WhenAll(senders);
        var last = await sink.WaitAsync(TimeSpan.FromMinutes(5));
        if (Verbose)
        {
            Console.WriteLine("  ceiling: " + sink.Gaps(start));
        }

        return Stopwatch.GetElapsedTime(start, last).TotalSeconds;
    }

    private static async Task<long> IdleMemoryAsync()
    {
        var data = await BenchData.CreateAsync(0, Environment, Postgres, Keep);
        try
        {
            await using var serve = await ServeProcess.StartAsync(data.Folder, FreePort(), FreePort(), data.Environment);
            long highest = 0;
            for (var i = 0; i < 20; i++)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
                highest = Math.Max(highest, serve.ResidentBytes());
            }

            await serve.StopAsync();
            return highest;
        }
        finally
        {
            await data.DisposeAsync();
        }
    }

    /// <summary>kill -9 when a third of the copies arrived, start again, and count what every recipient got.</summary>
    private static async Task CrashAsync(CountingSink sink, int n)
    {
        var data = await BenchData.CreateAsync(n, Environment, Postgres, Keep);
        try
        {
            var port = FreePort();
            sink.Reset(long.MaxValue);
            var killed = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            ServeProcess? first = null;
            sink.Counted = count =>
            {
                if (count == n / 3 && first is not null)
                {
                    // While this copy's 250 is not even sent yet: the server dies mid fan-out.
                    first.KillHard();
                    killed.TrySetResult(count);
                }
            };
            first = await ServeProcess.StartAsync(data.Folder, port, sink.Port, data.Environment);
            await PostAsync(port, "contact0@nic.ac.example");
            var atKill = await killed.Task.WaitAsync(TimeSpan.FromMinutes(5));
            sink.Counted = null;
            await first.DisposeAsync();
            var restart = Stopwatch.GetTimestamp();
            await using var second = await ServeProcess.StartAsync(data.Folder, port, sink.Port, data.Environment);
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(5);
            while (sink.PerRecipient.Count < n && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }

            var recovered = Stopwatch.GetElapsedTime(restart).TotalSeconds;
            await Task.Delay(2000);
            await second.StopAsync();
            var total = sink.PerRecipient.Values.Sum();
            var duplicated = sink.PerRecipient.Values.Count(v => v > 1);
            var window = Concurrency + LeaseBatch + AlertConcurrency + Math.Max(8, AlertConcurrency * 2);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"crash run: {n:N0} members, kill -9 after {atKill:N0} copies; after restart {sink.PerRecipient.Count:N0}/{n:N0} recipients had their copy within {recovered:0.0} s; " +
                $"{total:N0} copies in all, {total - sink.PerRecipient.Count:N0} duplicates ({duplicated:N0} recipients twice); in-flight window {window}"));
        }
        finally
        {
            await data.DisposeAsync();
        }
    }

    /// <summary>Posts the alert and returns the Stopwatch timestamp of the server's 250.</summary>
    private static async Task<long> PostAsync(int port, string from)
    {
        await using var client = new SmtpClient();
        await client.ConnectAsync("127.0.0.1", port);
        var result = await client.SendAsync(new SmtpEnvelope(SmtpAddress.Parse(from), [SmtpAddress.Parse(Posting)]), Post(from));
        var accepted = Stopwatch.GetTimestamp();
        if (!result.AllAccepted)
        {
            throw new InvalidOperationException($"The post was refused: {result.Recipients[0]}");
        }

        await client.QuitAsync();
        return accepted;
    }

    private static byte[] Post(string from)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"From: Ana Contact <{from}>\r\nTo: {Posting}\r\nSubject: {Subject}\r\n");
        text.Append(CultureInfo.InvariantCulture, $"Date: {DateTimeOffset.UtcNow:r}\r\nMessage-ID: <{Guid.NewGuid():N}@nic.ac.example>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n");
        text.Append("TLP:AMBER\r\n\r\nSince 06:10 UTC our anycast name servers receive about 2 million queries per second of random\r\n");
        for (var i = 0; i < 30; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"subdomains under our zone from a botnet; line {i} of the indicators: 192.0.2.{i} 198.51.100.{i} 2001:db8::{i:x}\r\n");
        }

        text.Append("\r\nIf you see the same pattern, please reply to the list. Mitigation notes follow in a second mail.\r\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static int Setting(string name, int fallback) =>
        Environment.TryGetValue("TLDOPS__Lists__Delivery__" + name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    private static string Option(string[] args, string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }
}
