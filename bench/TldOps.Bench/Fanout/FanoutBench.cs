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
/// connection limit, same concurrency as the server's outgoing runner) to the same sink, from a
/// process of its own as the server sends from its own (<see cref="BlastProcess"/>), and beside
/// it the same blast from inside this process, which shares the sink's threads. Also:
/// the idle memory of <c>tldops serve</c>, and a crash run (kill -9 mid fan-out, restart, count
/// copies per recipient).
///
/// <c>dotnet run -c Release --project bench/TldOps.Bench -- fanout [--sizes 1000,10000] [--runs 3] [--crash 10000] [--no-idle]</c>
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

    /// <summary>--posts K: posts per server at least (default 10); the last <see cref="SteadyPairs"/> are the steady ones.</summary>
    private static int Posts { get; set; } = 10;

    /// <summary>
    /// --warm-copies C: copies the server delivers before its steady posts (default 50,000, the
    /// five posts before the steady ones at 10,000 members). The runtime recompiles the hot parts
    /// of the framework's precompiled code only after they ran a while, so at 1,000 members five
    /// posts (5,000 copies) left the "steady" posts still paying for that; posts three onwards
    /// continue until this many copies went out, or until --posts, whichever is more.
    /// </summary>
    private static int WarmCopies { get; set; } = 50_000;

    /// <summary>Posts before the steady ones (the first and second included).</summary>
    private static int WarmUpPosts(int n) => Math.Max(Posts - SteadyPairs, (int)Math.Ceiling(WarmCopies / (double)n));

    /// <summary>Steady posts per run, each paired with a ceiling blast.</summary>
    private const int SteadyPairs = 5;

    /// <summary>--postgres ADMINCONN: run on a fresh PostgreSQL database per run instead of SQLite.</summary>
    private static string? Postgres { get; set; }

    public static async Task<int> RunAsync(string[] args)
    {
        // --sizes 0 skips the fan-out runs (for the idle-memory or crash run alone).
        var sizes = Option(args, "--sizes", "1000,10000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).Where(n => n > 0).ToList();
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
        Posts = Math.Max(SteadyPairs + 2, int.Parse(Option(args, "--posts", "10"), CultureInfo.InvariantCulture));
        WarmCopies = int.Parse(Option(args, "--warm-copies", "50000"), CultureInfo.InvariantCulture);
        Postgres = args.Contains("--postgres") ? Option(args, "--postgres", string.Empty) : null;
        await using var sink = new CountingSink();
        await sink.StartAsync();
        Console.WriteLine($"# fan-out bench, {DateTime.UtcNow:u}, {System.Environment.ProcessorCount} cores, load {LoadAverage()}, {MachineSpeed()}");
        await using var blaster = await BlastProcess.StartAsync(sink.Port, Connections, Concurrency);
        await WarmUpBlastsAsync(sink, blaster);

        Console.WriteLine("| N | run | first post after start | second post | steady post | steady copies/s | raw ceiling | ceiling copies/s | steady / ceiling | second / ceiling | in-process ceiling | steady / in-process ceiling | serve CPU per copy, steady | serve RSS after |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var n in sizes)
        {
            var results = new List<Run>();
            for (var run = 1; run <= runs; run++)
            {
                var r = await MeasureAsync(sink, blaster, n);
                results.Add(r);
                Console.WriteLine(Row(n, run.ToString(CultureInfo.InvariantCulture), r));
            }

            Console.WriteLine(Row(n, "median", new Run(
                Median(results.Select(r => r.Cold)), Median(results.Select(r => r.Second)), Median(results.Select(r => r.Steady)),
                Median(results.Select(r => r.Ceiling)), Median(results.Select(r => r.Ratio)),
                Median(results.Select(r => r.InProcessCeiling)), Median(results.Select(r => r.InProcessRatio)), 0, Median(results.Select(r => r.CpuPerCopy)))));
        }

        Console.WriteLine($"# after the fan-out runs: {MachineSpeed()}");
        // --no-idle skips the idle-memory measurement (half a minute), for runs that compare settings.
        if (!args.Contains("--no-idle"))
        {
            var (settled, highest) = await IdleMemoryAsync();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"\nidle tldops serve ({(Postgres is null ? "SQLite" : "PostgreSQL")}, empty list): RSS {settled / 1048576.0:0} MB 30 s after start (highest sample {highest / 1048576.0:0} MB)"));
        }

        if (crash > 0)
        {
            await CrashAsync(sink, crash);
        }

        return 0;
    }

    private static string Row(int n, string run, Run r) => string.Create(CultureInfo.InvariantCulture,
        $"| {n:N0} | {run} | {r.Cold:0.000} s | {r.Second:0.000} s | {r.Steady:0.000} s | {n / r.Steady:N0} | {r.Ceiling:0.000} s | {n / r.Ceiling:N0} | " +
        $"{r.Ratio:P0} | {r.Ceiling / r.Second:P0} | {r.InProcessCeiling:0.000} s | {r.InProcessRatio:P0} | {r.CpuPerCopy:0} µs | {(r.Rss == 0 ? string.Empty : $"{r.Rss / 1048576.0:0} MB")} |");

    /// <summary>
    /// One run: a fresh database with N members and a fresh server. The first post meets code
    /// that is not compiled yet; the second still pays for the first use of much of the rest;
    /// posts three onwards warm the server up (<see cref="WarmUpPosts"/>); each of
    /// the last <see cref="SteadyPairs"/> posts (the steady ones) is followed at once by a ceiling
    /// blast of the same copy to the same sink from the blast process, and then by the same blast
    /// from inside this process, with the server still running (idle). Each ratio compares a post
    /// with the blasts made a second later: on a shared two-core machine whatever else runs moves
    /// both alike, where a ceiling measured minutes apart moved on its own. The row reports the
    /// medians of the posts, of the blasts and of the ratios, and the server's processor time per
    /// copy over the steady posts.
    /// </summary>
    private static async Task<Run> MeasureAsync(CountingSink sink, BlastProcess blaster, int n)
    {
        var data = await BenchData.CreateAsync(n, Environment, Postgres, Keep);
        try
        {
            var port = FreePort();
            double cold, second;
            var steadyPosts = new List<double>();
            var blasts = new List<double>();
            var ratios = new List<double>();
            var inProcessBlasts = new List<double>();
            var inProcessRatios = new List<double>();
            var cpu = TimeSpan.Zero;
            long rss;
            await using (var serve = await ServeProcess.StartAsync(data.Folder, port, sink.Port, data.Environment))
            {
                cold = await PostAndWaitAsync(sink, port, n, serve.Id);
                second = await PostAndWaitAsync(sink, port, n, serve.Id);
                for (var i = 2; i < WarmUpPosts(n); i++)
                {
                    await PostAndWaitAsync(sink, port, n, serve.Id);
                }

                var copy = await data.OneCopyAsync();
                await blaster.LoadAsync(copy);
                for (var i = 0; i < SteadyPairs; i++)
                {
                    var before = serve.ProcessorTime();
                    var post = await PostAndWaitAsync(sink, port, n, serve.Id);
                    cpu += serve.ProcessorTime() - before;
                    var blast = await ChildBlastAsync(sink, blaster, n);
                    var inProcess = await InProcessBlastAsync(sink, copy, n);
                    steadyPosts.Add(post);
                    blasts.Add(blast);
                    ratios.Add(blast / post);
                    inProcessBlasts.Add(inProcess);
                    inProcessRatios.Add(inProcess / post);
                }

                rss = serve.ResidentBytes();
                await serve.StopAsync();
            }

            return new Run(cold, second, Median(steadyPosts), Median(blasts), Median(ratios), Median(inProcessBlasts), Median(inProcessRatios), rss, cpu.TotalMicroseconds / (SteadyPairs * (double)n));
        }
        finally
        {
            await data.DisposeAsync();
        }
    }

    private static async Task<double> PostAndWaitAsync(CountingSink sink, int port, int n, int servePid)
    {
        sink.Reset(n);
        var idleBefore = MachineIdle();
        // Read only for --verbose, and before the post: nothing of it falls in the timed window.
        var switchesBefore = Verbose ? (Serve: ContextSwitches(servePid), Bench: ContextSwitches(System.Environment.ProcessId)) : default;
        var sinkCpuBefore = Verbose ? DeliveryParts.ProcessorTime() : default;
        var accepted = await PostAsync(port, "contact0@nic.ac.example");
        var last = await sink.WaitAsync(TimeSpan.FromMinutes(5));
        if (Verbose)
        {
            var serve = (ContextSwitches(servePid) - switchesBefore.Serve) / (double)n;
            var bench = (ContextSwitches(System.Environment.ProcessId) - switchesBefore.Bench) / (double)n;
            var sinkCpu = (DeliveryParts.ProcessorTime() - sinkCpuBefore).TotalMicroseconds / n;
            Console.WriteLine("  " + sink.Gaps(accepted) + IdleShare(idleBefore, MachineIdle()) +
                string.Create(CultureInfo.InvariantCulture, $"; context switches per copy: serve {serve:0.00}, sink {bench:0.00}; sink CPU per copy {sinkCpu:0} µs"));
        }

        return Stopwatch.GetElapsedTime(accepted, last).TotalSeconds;
    }

    private sealed record Run(
        double Cold, double Second, double Steady, double Ceiling, double Ratio, double InProcessCeiling, double InProcessRatio, long Rss, double CpuPerCopy);

    /// <summary>
    /// Before the first run, each blaster sends <see cref="WarmUpCopies"/> copies of a post-sized
    /// message, so that the ceilings are measured with compiled code, as the steady posts are
    /// (the server is warmed up by the posts before them).
    /// </summary>
    private static async Task WarmUpBlastsAsync(CountingSink sink, BlastProcess blaster)
    {
        var copy = Post("contact0@nic.ac.example");
        await blaster.LoadAsync(copy);
        for (var done = 0; done < WarmUpCopies; done += 10_000)
        {
            await ChildBlastAsync(sink, blaster, 10_000);
            await InProcessBlastAsync(sink, copy, 10_000);
        }
    }

    /// <summary>Copies each blaster sends before the first run.</summary>
    private const int WarmUpCopies = 30_000;

    /// <summary>The ceiling: the blast from its own process (<see cref="BlastProcess"/>), timed to the N-th arrival at the sink.</summary>
    private static async Task<double> ChildBlastAsync(CountingSink sink, BlastProcess blaster, int n)
    {
        sink.Reset(n);
        var idleBefore = MachineIdle();
        var switchesBefore = Verbose ? (Sender: ContextSwitches(blaster.Id), Sink: ContextSwitches(System.Environment.ProcessId)) : default;
        var cpuBefore = Verbose ? (Sender: blaster.ProcessorTime(), Sink: DeliveryParts.ProcessorTime()) : default;
        var start = await blaster.BlastAsync(n);
        var last = await sink.WaitAsync(TimeSpan.FromMinutes(5));
        if (Verbose)
        {
            var sender = (ContextSwitches(blaster.Id) - switchesBefore.Sender) / (double)n;
            var sinkSwitches = (ContextSwitches(System.Environment.ProcessId) - switchesBefore.Sink) / (double)n;
            var senderCpu = (blaster.ProcessorTime() - cpuBefore.Sender).TotalMicroseconds / n;
            var sinkCpu = (DeliveryParts.ProcessorTime() - cpuBefore.Sink).TotalMicroseconds / n;
            Console.WriteLine("  ceiling: " + sink.Gaps(start) + IdleShare(idleBefore, MachineIdle()) +
                string.Create(CultureInfo.InvariantCulture,
                    $"; context switches per copy: sender {sender:0.00}, sink {sinkSwitches:0.00}; CPU per copy: sender {senderCpu:0} µs, sink {sinkCpu:0} µs"));
        }

        return Stopwatch.GetElapsedTime(start, last).TotalSeconds;
    }

    /// <summary>The same blast from inside this process, sharing the sink's threads (the ceiling of earlier rounds).</summary>
    private static async Task<double> InProcessBlastAsync(CountingSink sink, byte[] copy, int n)
    {
        sink.Reset(n);
        var idleBefore = MachineIdle();
        var switchesBefore = Verbose ? ContextSwitches(System.Environment.ProcessId) : 0;
        var cpuBefore = Verbose ? DeliveryParts.ProcessorTime() : default;
        var start = Stopwatch.GetTimestamp();
        await Blast.SendAsync(sink.Port, copy, n, Connections, Concurrency);
        var last = await sink.WaitAsync(TimeSpan.FromMinutes(5));
        if (Verbose)
        {
            var switches = (ContextSwitches(System.Environment.ProcessId) - switchesBefore) / (double)n;
            var cpu = (DeliveryParts.ProcessorTime() - cpuBefore).TotalMicroseconds / n;
            Console.WriteLine("  in-process ceiling: " + sink.Gaps(start) + IdleShare(idleBefore, MachineIdle()) +
                string.Create(CultureInfo.InvariantCulture, $"; context switches per copy: sender and sink {switches:0.00}; sender and sink CPU per copy {cpu:0} µs"));
        }

        return Stopwatch.GetElapsedTime(start, last).TotalSeconds;
    }

    /// <summary>The machine's idle and total processor time so far, in clock ticks (/proc/stat: idle and iowait count as idle).</summary>
    private static (long Idle, long Total) MachineIdle()
    {
        if (!File.Exists("/proc/stat"))
        {
            return (0, 0);
        }

        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        return (fields[3] + fields[4], fields.Sum());
    }

    /// <summary>
    /// Voluntary and involuntary context switches of a process's live threads so far
    /// (/proc/PID/task/*/status): a thread handing work to another and sleeping costs a switch,
    /// which on this VM is worth several microseconds of processor time. A thread that ends
    /// between two readings takes its count with it, so a reading over a span in which the
    /// thread pool retired threads comes out low, even below zero.
    /// </summary>
    private static long ContextSwitches(int pid)
    {
        long total = 0;
        foreach (var task in Directory.Exists($"/proc/{pid}/task") ? Directory.EnumerateDirectories($"/proc/{pid}/task") : [])
        {
            try
            {
                foreach (var line in File.ReadLines(Path.Combine(task, "status")))
                {
                    if (line.Contains("ctxt_switches:", StringComparison.Ordinal))
                    {
                        total += long.Parse(line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim(), CultureInfo.InvariantCulture);
                    }
                }
            }
            catch (IOException)
            {
                // The thread ended while being read.
            }
        }

        return total;
    }

    /// <summary>"; machine idle 12 %" between two samples of <see cref="MachineIdle"/>, for --verbose.</summary>
    private static string IdleShare((long Idle, long Total) before, (long Idle, long Total) after) =>
        after.Total > before.Total
            ? string.Create(CultureInfo.InvariantCulture, $"; machine idle {100.0 * (after.Idle - before.Idle) / (after.Total - before.Total):0} %")
            : string.Empty;

    /// <summary>VmRSS of a fresh, idle server once start-up has settled (30 s), and the highest sample on the way.</summary>
    private static async Task<(long Settled, long Highest)> IdleMemoryAsync()
    {
        var data = await BenchData.CreateAsync(0, Environment, Postgres, Keep);
        try
        {
            await using var serve = await ServeProcess.StartAsync(data.Folder, FreePort(), FreePort(), data.Environment);
            long highest = 0;
            long settled = 0;
            for (var i = 0; i < 30; i++)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
                settled = serve.ResidentBytes();
                highest = Math.Max(highest, settled);
            }

            await serve.StopAsync();
            return (settled, highest);
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
            var window = new TldOps.Core.Lists.Delivery.DeliveryOptions { Concurrency = Concurrency, LeaseBatch = LeaseBatch, AlertConcurrency = AlertConcurrency }.InFlightWindow;
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

    /// <summary>
    /// How fast this shared VM runs right now: the best of three sorts of the same 2 million
    /// pseudo-random integers, one thread (branchy work on a few megabytes, as a server's is). On
    /// this VM the same code has run 1.7 times faster or slower from one half hour to the next; the
    /// probe says which kind of hour a run had.
    /// </summary>
    private static string MachineSpeed()
    {
        var values = new int[2_000_000];
        var best = double.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var random = new Random(20261122);
            for (var j = 0; j < values.Length; j++)
            {
                values[j] = random.Next();
            }

            var start = Stopwatch.GetTimestamp();
            Array.Sort(values);
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return string.Create(CultureInfo.InvariantCulture, $"speed probe {best:0} ms (sorting 2 million integers)");
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
