using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TldOps.Core.Storage.Queues;

/// <summary>
/// The base of every runner: it owns one or more queues, leases their entries, hands each to
/// <see cref="ProcessAsync"/> (up to <see cref="MaxConcurrency"/> at once, in a continuous flow
/// rather than batch by batch, so one slow entry never holds up the rest), renews the leases of
/// entries still in progress, applies outcomes in batched transactions, and quarantines an entry
/// whose processing throws or that crashed a node too often. Subclasses implement one method.
/// </summary>
public abstract partial class QueueRunner : BackgroundService
{
    private readonly ConcurrentDictionary<long, QueueEntry> _inFlight = new();

    // How many entries _inFlight holds, kept beside it: ConcurrentDictionary.Count takes every one
    // of its locks, and the producer and the recorder ask for the count at every turn.
    private int _inFlightCount;
    private readonly SemaphoreSlim _slotFreed = new(0, int.MaxValue);

    protected QueueRunner(QueueRunnerContext context, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(context);
        Context = context;
        Logger = logger;
        Owner = $"{context.Node.Id}/{GetType().Name}";
    }

    protected QueueRunnerContext Context { get; }

    protected ILogger Logger { get; }

    /// <summary>The lease owner name: node and runner.</summary>
    public string Owner { get; }

    /// <summary>The queues this runner takes entries from.</summary>
    protected abstract IReadOnlyList<string> Queues { get; }

    /// <summary>How many entries are processed at once (default 1).</summary>
    protected virtual int MaxConcurrency => 1;

    /// <summary>How many entries one lease query takes at most (default 32).</summary>
    protected virtual int LeaseBatch => 32;

    /// <summary>Only entries with this priority or a lower value (default: all).</summary>
    protected virtual int MaxPriority => int.MaxValue;

    /// <summary>
    /// The most entries this runner holds between leasing them and recording their outcomes:
    /// <see cref="MaxConcurrency"/> being processed plus one <see cref="LeaseBatch"/> waiting or
    /// done but not yet recorded. A node killed at any moment can have processed at most this many
    /// entries without the queue knowing, so at most this many are processed twice after a restart.
    /// </summary>
    public int InFlightLimit => MaxConcurrency + LeaseBatch;

    /// <summary>
    /// Half a lease batch: the producer leases again once this many slots are free, and the
    /// recorder records outcomes in groups of this many, so that each recording frees a lease.
    /// </summary>
    private int RefillSize => Math.Max(1, LeaseBatch / 2);

    private int InFlightCount => Volatile.Read(ref _inFlightCount);

    /// <summary>
    /// How long finished entries may wait for others before their outcomes are recorded together
    /// (default 20 ms: a fraction of a lease, invisible to anyone, and long enough for a group of
    /// copies on a fast link).
    /// </summary>
    protected virtual TimeSpan CompletionLinger => TimeSpan.FromMilliseconds(20);

    /// <summary>How long in-flight entries may finish once the node is asked to stop (default 15 s).</summary>
    protected virtual TimeSpan StopGrace => TimeSpan.FromSeconds(15);

    /// <summary>Does the work for one entry. Expected failures are outcomes; an exception quarantines the entry.</summary>
    protected abstract Task<EntryOutcome> ProcessAsync(QueueEntry entry, CancellationToken cancellationToken);

    /// <summary>
    /// Processes everything that is due now, one entry at a time, and returns how many entries
    /// it handled. For commands and tests that want deterministic runs; <c>serve</c> uses the
    /// background loop instead.
    /// </summary>
    public async Task<int> DrainAsync(CancellationToken cancellationToken = default)
    {
        var handled = 0;
        while (true)
        {
            var leased = await Context.Store.LeaseAsync(Owner, Queues, LeaseBatch, Context.Options.LeaseDuration, MaxPriority, cancellationToken).ConfigureAwait(false);
            if (leased.Count == 0)
            {
                return handled;
            }

            var outcomes = new List<(QueueEntry, EntryOutcome)>(leased.Count);
            foreach (var entry in leased)
            {
                outcomes.Add((entry, await ProcessSafelyAsync(entry, cancellationToken).ConfigureAwait(false)));
            }

            await Context.Store.ApplyAsync(Owner, outcomes, cancellationToken).ConfigureAwait(false);
            handled += leased.Count;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var released = await Context.Store.ReleaseAllAsync(Owner, stoppingToken).ConfigureAwait(false);
        if (released > 0)
        {
            Log.TookBackLeases(Logger, Owner, released);
        }

        using var processing = new CancellationTokenSource();
        await using var stopRegistration = stoppingToken.Register(() => processing.CancelAfter(StopGrace));
        var work = Channel.CreateBounded<QueueEntry>(new BoundedChannelOptions(Math.Max(LeaseBatch, MaxConcurrency)) { SingleWriter = true });
        var done = Channel.CreateUnbounded<(QueueEntry, EntryOutcome)>(new UnboundedChannelOptions { SingleReader = true });

        var workers = Enumerable.Range(0, MaxConcurrency)
            .Select(_ => Task.Run(() => WorkAsync(work.Reader, done.Writer, stoppingToken, processing.Token), CancellationToken.None))
            .ToList();
        var completer = Task.Run(() => CompleteAsync(done.Reader), CancellationToken.None);
        var renewer = Task.Run(() => RenewLeasesAsync(processing.Token), CancellationToken.None);

        try
        {
            await ProduceAsync(work.Writer, stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            work.Writer.TryComplete();
            await Task.WhenAll(workers).ConfigureAwait(false);
            done.Writer.TryComplete();
            await completer.ConfigureAwait(false);
            await processing.CancelAsync().ConfigureAwait(false);
            await renewer.ConfigureAwait(false);
        }
    }

    private async Task ProduceAsync(ChannelWriter<QueueEntry> work, CancellationToken stoppingToken)
    {
        var capacity = InFlightLimit;
        while (!stoppingToken.IsCancellationRequested)
        {
            var free = capacity - InFlightCount;
            if (free < RefillSize && InFlightCount > 0)
            {
                await WaitQuietlyAsync(_slotFreed.WaitAsync(Context.Options.PollInterval, stoppingToken)).ConfigureAwait(false);
                continue;
            }

            IReadOnlyList<QueueEntry> leased;
            try
            {
                leased = await Context.Store.LeaseAsync(Owner, Queues, Math.Min(free, LeaseBatch), Context.Options.LeaseDuration, MaxPriority, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or TimeoutException or InvalidOperationException)
            {
                // The database is unreachable or busy: wait and try again; nothing is lost.
                Log.LeaseFailed(Logger, ex, Owner);
                await WaitQuietlyAsync(Task.Delay(Context.Options.PollInterval * 4, Context.Clock, stoppingToken)).ConfigureAwait(false);
                continue;
            }

            foreach (var entry in leased)
            {
                if (_inFlight.TryAdd(entry.Id, entry))
                {
                    Interlocked.Increment(ref _inFlightCount);
                }
                else
                {
                    // Leased again after its lease ran out while still in flight here.
                    _inFlight[entry.Id] = entry;
                }

                await work.WriteAsync(entry, CancellationToken.None).ConfigureAwait(false);
            }

            if (leased.Count == 0)
            {
                await WaitQuietlyAsync(Context.Signal.WaitAsync(Queues, Context.Options.PollInterval, stoppingToken)).ConfigureAwait(false);
            }
        }
    }

    private async Task WorkAsync(ChannelReader<QueueEntry> work, ChannelWriter<(QueueEntry, EntryOutcome)> done, CancellationToken stoppingToken, CancellationToken processingToken)
    {
        await foreach (var entry in work.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            // Once stopping, entries not yet started go back untouched for the next node or start.
            var outcome = stoppingToken.IsCancellationRequested
                ? new EntryOutcome.Released()
                : await ProcessSafelyAsync(entry, processingToken).ConfigureAwait(false);
            await done.WriteAsync((entry, outcome), CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Records outcomes as a group commit: one transaction for half a lease batch (the amount the
    /// producer waits for before leasing again) rather than one for every few entries that happen
    /// to be finished, which on SQLite meant hundreds of small write transactions per fan-out, each
    /// with its sync and each taking the writer lock from the producer. It does not wait when every
    /// entry in flight is finished (nothing more is coming), nor longer than
    /// <see cref="CompletionLinger"/> (slow entries, such as copies to distant servers).
    /// </summary>
    private async Task CompleteAsync(ChannelReader<(QueueEntry Entry, EntryOutcome Outcome)> done)
    {
        var batch = new List<(QueueEntry, EntryOutcome)>();
        var enough = RefillSize;
        while (await done.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            TakeFinished(done, batch);
            if (batch.Count < enough && batch.Count < InFlightCount)
            {
                using var linger = new CancellationTokenSource(CompletionLinger, Context.Clock);
                try
                {
                    while (batch.Count < enough && batch.Count < InFlightCount && await done.WaitToReadAsync(linger.Token).ConfigureAwait(false))
                    {
                        TakeFinished(done, batch);
                    }
                }
                catch (OperationCanceledException) when (linger.IsCancellationRequested)
                {
                    // Waited long enough: record what there is.
                }
            }

            await ApplyWithRetryAsync(batch).ConfigureAwait(false);
            foreach (var (entry, _) in batch)
            {
                if (_inFlight.TryRemove(entry.Id, out QueueEntry? _))
                {
                    Interlocked.Decrement(ref _inFlightCount);
                }
            }

            _slotFreed.Release();
            batch.Clear();
        }
    }

    private static void TakeFinished(ChannelReader<(QueueEntry Entry, EntryOutcome Outcome)> done, List<(QueueEntry, EntryOutcome)> batch)
    {
        while (batch.Count < 512 && done.TryRead(out var item))
        {
            batch.Add(item);
        }
    }

    private async Task ApplyWithRetryAsync(List<(QueueEntry, EntryOutcome)> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var lost = await Context.Store.ApplyAsync(Owner, batch, CancellationToken.None).ConfigureAwait(false);
                if (lost > 0)
                {
                    Log.LostLeases(Logger, Owner, lost);
                }

                return;
            }
            catch (Exception ex) when (attempt < 5 && ex is System.Data.Common.DbException or TimeoutException)
            {
                Log.ApplyFailed(Logger, ex, Owner, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), Context.Clock).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or TimeoutException)
            {
                // Give up on recording: the leases expire and the entries are processed again
                // (at-least-once; duplicates bounded by what was in flight).
                Log.ApplyAbandoned(Logger, ex, Owner, batch.Count);
                return;
            }
        }
    }

    private async Task RenewLeasesAsync(CancellationToken cancellationToken)
    {
        var period = Context.Options.LeaseDuration / 3;
        while (!cancellationToken.IsCancellationRequested)
        {
            await WaitQuietlyAsync(Task.Delay(period, Context.Clock, cancellationToken)).ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested || _inFlight.IsEmpty)
            {
                continue;
            }

            try
            {
                await Context.Store.RenewAsync(Owner, _inFlight.Keys.ToList(), Context.Options.LeaseDuration, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or TimeoutException)
            {
                Log.RenewFailed(Logger, ex, Owner);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<EntryOutcome> ProcessSafelyAsync(QueueEntry entry, CancellationToken cancellationToken)
    {
        if (entry.Attempts > Context.Options.MaxAttempts)
        {
            return new EntryOutcome.Quarantined(
                $"Leased {entry.Attempts} times without finishing: processing it crashed or hung a node each time.");
        }

        try
        {
            return await ProcessAsync(entry, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new EntryOutcome.Released();
        }
#pragma warning disable CA1031 // A runner must survive whatever one entry does; the entry is quarantined with the error.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.Quarantining(Logger, ex, entry.Id, entry.Queue);
            return new EntryOutcome.Quarantined($"{ex.GetType().Name}: {ex.Message}\n{ex.StackTrace}");
        }
    }

    private static async Task WaitQuietlyAsync(Task wait)
    {
        try
        {
            await wait.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the loop condition ends the wait.
        }
    }

    public override void Dispose()
    {
        _slotFreed.Dispose();
        base.Dispose();
        GC.SuppressFinalize(this);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "{Owner} took back {Count} entries it had leased before a restart")]
        public static partial void TookBackLeases(ILogger logger, string owner, int count);

        [LoggerMessage(Level = LogLevel.Warning, Message = "{Owner} could not lease entries; retrying")]
        public static partial void LeaseFailed(ILogger logger, Exception exception, string owner);

        [LoggerMessage(Level = LogLevel.Warning, Message = "{Owner} lost the lease of {Count} entries before finishing them (another node took them over)")]
        public static partial void LostLeases(ILogger logger, string owner, int count);

        [LoggerMessage(Level = LogLevel.Warning, Message = "{Owner} could not record outcomes (attempt {Attempt}); retrying")]
        public static partial void ApplyFailed(ILogger logger, Exception exception, string owner, int attempt);

        [LoggerMessage(Level = LogLevel.Error, Message = "{Owner} gave up recording {Count} outcomes; those entries will be processed again when their leases expire")]
        public static partial void ApplyAbandoned(ILogger logger, Exception exception, string owner, int count);

        [LoggerMessage(Level = LogLevel.Warning, Message = "{Owner} could not renew leases")]
        public static partial void RenewFailed(ILogger logger, Exception exception, string owner);

        [LoggerMessage(Level = LogLevel.Error, Message = "Entry {Id} of queue {Queue} threw and is quarantined")]
        public static partial void Quarantining(ILogger logger, Exception exception, long id, string queue);
    }
}
