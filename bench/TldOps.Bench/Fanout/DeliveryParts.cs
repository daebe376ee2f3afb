using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TldOps.Core.Common;
using TldOps.Core.Lists;
using TldOps.Core.Lists.Bounces;
using TldOps.Core.Lists.Delivery;
using TldOps.Core.Lists.Notices;
using TldOps.Core.Lists.Posts;
using TldOps.Core.Lists.Runners;
using TldOps.Core.Storage;
using TldOps.Core.Storage.Queues;

namespace TldOps.Bench.Fanout;

/// <summary>
/// Where the time of a fan-out goes, in one process: N out entries drained by the real
/// <see cref="OutgoingRunner"/> through (a) a transport that does nothing (the queue's own cost:
/// leasing and recording outcomes), (b) the smarthost transport to the loopback sink; next to (c)
/// the same N copies blasted through the same pool without any queue.
/// <c>dotnet run -c Release --project bench/TldOps.Bench -- fanout-parts [--n 10000] [--queue-operations | --queue-only]</c>:
/// <c>--queue-operations</c> only times leasing and recording, warm (twelve rounds);
/// <c>--queue-only</c> only drains with the no-op transport, ten times (for a profiler).
/// </summary>
internal static class DeliveryParts
{
    public static async Task<int> RunAsync(string[] args)
    {
        var n = args.Length > 1 && args[0] == "--n" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
        await using var sink = new CountingSink();
        await sink.StartAsync();
        // About the size of a list post's copy (3 KB), in lines of ordinary length.
        var copy = System.Text.Encoding.ASCII.GetBytes("From: a@example.org\r\nTo: tld-ops@localhost\r\nSubject: x\r\n\r\n" + string.Concat(Enumerable.Repeat(new string('x', 74) + "\r\n", 40)));
        if (args.Contains("--queue-only"))
        {
            // The runner with a no-op transport, again and again: for a profiler.
            for (var round = 1; round <= 10; round++)
            {
                Console.WriteLine($"queue only (no-op transport): {await DrainAsync(n, copy, new NoTransport(), null)}");
            }

            return 0;
        }

        // The first round meets uncompiled code; the later ones are what a running server pays.
        var rounds = args.Contains("--queue-operations") ? 12 : 3;
        for (var round = 1; round <= rounds; round++)
        {
            Console.Write(round == 1 ? "queue operations, cold: " : "queue operations, warm: ");
            await QueueOperationsAsync(n, copy);
        }

        if (rounds > 3)
        {
            return 0;
        }

        Console.WriteLine($"queue only (no-op transport): {await DrainAsync(n, copy, new NoTransport(), null)}");
        var options = new ListOptions();
        options.Delivery.Smarthost = $"127.0.0.1:{sink.Port}";
        await using (var smarthost = new SmarthostTransport(options.Delivery, "localhost", NullLogger.Instance, TimeProvider.System))
        {
            sink.Reset(n);
            Console.WriteLine($"queue + smarthost to the sink: {await DrainAsync(n, copy, smarthost, sink)}");
        }

        sink.Reset(n);
        var cpu = ProcessorTime();
        var start = Stopwatch.GetTimestamp();
        long last;
        await using (var smarthost = new SmarthostTransport(options.Delivery, "localhost", NullLogger.Instance, TimeProvider.System))
        {
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, options.Delivery.Concurrency).Select(_ => Task.Run(async () =>
            {
                for (var i = Interlocked.Increment(ref next); i < n; i = Interlocked.Increment(ref next))
                {
                    await smarthost.DeliverAsync(new OutgoingCopy($"tld-ops-bounces+m{i}@localhost", $"c{i}@example.org", copy));
                }
            })));
            last = await sink.WaitAsync(TimeSpan.FromMinutes(5));
        }

        // To the last copy's arrival (closing the pool's connections afterwards is not part of it).
        Console.WriteLine($"smarthost transport without a queue: {Figures(n, start, last, cpu)}");

        sink.Reset(n);
        cpu = ProcessorTime();
        start = Stopwatch.GetTimestamp();
        await Blast.SendAsync(sink.Port, copy, n, options.Delivery.MaxConnectionsPerDestination, options.Delivery.Concurrency);
        last = await sink.WaitAsync(TimeSpan.FromMinutes(5));
        Console.WriteLine($"raw pool, no transport, no queue (the ceiling): {Figures(n, start, last, cpu)}");
        var external = args.Length > 3 && args[2] == "--external-sink" ? int.Parse(args[3], CultureInfo.InvariantCulture) : 0;
        if (external > 0)
        {
            // The same blast to a sink in another process (`tldops mail sink --port P`): the cost of crossing processes.
            var far = new ListOptions();
            far.Delivery.Smarthost = $"127.0.0.1:{external}";
            await using var smarthost = new SmarthostTransport(far.Delivery, "localhost", NullLogger.Instance, TimeProvider.System);
            var next = -1;
            start = Stopwatch.GetTimestamp();
            await Task.WhenAll(Enumerable.Range(0, far.Delivery.Concurrency).Select(_ => Task.Run(async () =>
            {
                for (var i = Interlocked.Increment(ref next); i < n; i = Interlocked.Increment(ref next))
                {
                    await smarthost.DeliverAsync(new OutgoingCopy($"tld-ops-bounces+m{i}@localhost", $"c{i}@example.org", copy));
                }
            })));
            Console.WriteLine($"smarthost transport to a sink in another process: {Stopwatch.GetElapsedTime(start).TotalSeconds:0.000} s");
        }
        return 0;
    }

    /// <summary>Wall time to the last copy, and this process's processor time per copy (sink included where there is one).</summary>
    private static string Figures(int n, long start, long last, TimeSpan cpu) => string.Create(CultureInfo.InvariantCulture,
        $"{Stopwatch.GetElapsedTime(start, last).TotalSeconds:0.000} s, CPU {(ProcessorTime() - cpu).TotalMicroseconds / n:0} µs per copy");

    /// <summary>This process's processor time so far (all threads).</summary>
    internal static TimeSpan ProcessorTime()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    private static async Task<string> DrainAsync(int n, byte[] copy, IMailTransport transport, CountingSink? sink)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"tldops-parts-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            await using var database = new Database(DatabaseLocation.Resolve(null, folder));
            await new Migrator(database, TimeProvider.System, NullLogger<Migrator>.Instance).MigrateAsync();
            var clock = TimeProvider.System;
            var signal = new QueueSignal();
            var store = new QueueStore(database, signal, clock);
            var messages = new MessageStore(database, clock);
            var options = new ListOptions();
            var members = new ListMemberDirectory(database);
            var notices = new ListNotices(new SystemMail(database, messages, store), options, members, clock, new CryptoRandomSource());
            var bounces = new BounceProcessor(database, options, members, notices, clock, NullLogger<BounceProcessor>.Instance);
            var context = new QueueRunnerContext(store, signal, Options.Create(new QueueOptions()), new NodeIdentity("bench"), clock);
            using var runner = new OutgoingRunner(context, NullLogger<OutgoingRunner>.Instance, transport, new MessageCache(messages), RetrySchedule.From(options.Delivery), bounces, options);
            await database.InTransactionAsync(async (c, t) =>
            {
                var id = await messages.AddAsync(c, t, copy);
                await store.EnqueueManyAsync(c, t, Enumerable.Range(0, n).Select(i => new NewQueueEntry(
                    QueueNames.Out, QueuePriority.Normal, id, $"tld-ops-bounces+m{i}@localhost", $"c{i}@example.org", Correlation: PipelineEntry.Correlation(1))));
            });
            var cpu = ProcessorTime();
            var start = Stopwatch.GetTimestamp();
            await runner.StartAsync(CancellationToken.None);
            store.Notify(QueueNames.Out);
            // To the n-th copy handed over (as the sink sees it), like the whole-system run.
            var last = sink is not null
                ? await sink.WaitAsync(TimeSpan.FromMinutes(5))
                : await ((NoTransport)transport).WaitAsync(n, TimeSpan.FromMinutes(5));
            var figures = Figures(n, start, last, cpu);
            await runner.StopAsync(CancellationToken.None);
            return figures;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The two queue operations of delivery, timed apart: leasing batches and recording their outcomes.</summary>
    private static async Task QueueOperationsAsync(int n, byte[] copy)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"tldops-parts-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            await using var database = new Database(DatabaseLocation.Resolve(null, folder));
            await new Migrator(database, TimeProvider.System, NullLogger<Migrator>.Instance).MigrateAsync();
            var store = new QueueStore(database, new QueueSignal(), TimeProvider.System);
            var messages = new MessageStore(database, TimeProvider.System);
            await database.InTransactionAsync(async (c, t) =>
            {
                var id = await messages.AddAsync(c, t, copy);
                await store.EnqueueManyAsync(c, t, Enumerable.Range(0, n).Select(i => new NewQueueEntry(
                    QueueNames.Out, QueuePriority.Normal, id, $"tld-ops-bounces+m{i}@localhost", $"c{i}@example.org", Correlation: PipelineEntry.Correlation(1))));
            });
            var lease = TimeSpan.Zero;
            var apply = TimeSpan.Zero;
            var leaseCpu = TimeSpan.Zero;
            var applyCpu = TimeSpan.Zero;
            var self = Process.GetCurrentProcess();
            var batches = 0;
            while (true)
            {
                self.Refresh();
                var cpu = self.TotalProcessorTime;
                var start = Stopwatch.GetTimestamp();
                var leased = await store.LeaseAsync("bench", [QueueNames.Out], 128, TimeSpan.FromMinutes(2));
                lease += Stopwatch.GetElapsedTime(start);
                self.Refresh();
                leaseCpu += self.TotalProcessorTime - cpu;
                cpu = self.TotalProcessorTime;
                if (leased.Count == 0)
                {
                    break;
                }

                start = Stopwatch.GetTimestamp();
                await store.ApplyAsync("bench", leased.Select(e => (e, (EntryOutcome)new EntryOutcome.Done("250 2.0.0 Ok: recorded as 00012345"))).ToList());
                apply += Stopwatch.GetElapsedTime(start);
                self.Refresh();
                applyCpu += self.TotalProcessorTime - cpu;
                batches++;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{batches} batches of 128: leasing {lease.TotalSeconds:0.000} s ({lease.TotalMilliseconds / batches:0.0} ms each, CPU {leaseCpu.TotalMilliseconds / batches:0.0} ms), recording {apply.TotalSeconds:0.000} s ({apply.TotalMilliseconds / batches:0.0} ms each, CPU {applyCpu.TotalMilliseconds / batches:0.0} ms)"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed class NoTransport : IMailTransport
    {
        private readonly TaskCompletionSource<long> _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long _count;
        private long _target = long.MaxValue;

        public string Description => "nothing";

        public Task<DeliveryResult> DeliverAsync(OutgoingCopy copy, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref _count) == Interlocked.Read(ref _target))
            {
                _reached.TrySetResult(Stopwatch.GetTimestamp());
            }

            return Task.FromResult<DeliveryResult>(new DeliveryResult.Delivered("250 ok"));
        }

        /// <summary>The Stopwatch timestamp of the <paramref name="target"/>-th copy.</summary>
        public Task<long> WaitAsync(long target, TimeSpan timeout)
        {
            Interlocked.Exchange(ref _target, target);
            if (Interlocked.Read(ref _count) >= target)
            {
                _reached.TrySetResult(Stopwatch.GetTimestamp());
            }

            return _reached.Task.WaitAsync(timeout);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
