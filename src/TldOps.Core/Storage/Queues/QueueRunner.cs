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
    // Leased and not yet recorded: the coordinating loop adds and removes, the lease renewer reads.
    private readonly ConcurrentDictionary<long, QueueEntry> _inFlight = new();

    // How many entries _inFlight holds, kept beside it by the coordinating loop (workers read it):
    // ConcurrentDictionary.Count takes every one of its locks.
    private int _inFlightCount;

    // Finished by the workers, waiting for the coordinating loop; _unrecorded also counts those
    // the loop has taken but not recorded yet. Workers wake the loop through _wake, once per
    // _wakePending, which the loop clears before it looks again.
    private readonly ConcurrentQueue<(QueueEntry, EntryOutcome)> _finished = new();
    private int _unrecorded;
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);
    private int _wakePending;

    // Where the last full lease ended (the coordinating loop's own): the next lease looks after
    // it, until a notification or the poll interval says to look from the start (LeaseFrom).
    private LeasePosition? _leasedUpTo;
    private long _generationSeen;
    private long _lookedFromStartAt;

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
    /// Half a lease batch: the runner leases again once this many slots are free, and records
    /// outcomes in groups of this many, so that each recording makes room for a lease.
    /// </summary>
    private int RefillSize => Math.Max(1, LeaseBatch / 2);

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
        // Room for everything in flight: the coordinating loop never waits to hand work over.
        var work = Channel.CreateBounded<QueueEntry>(new BoundedChannelOptions(InFlightLimit) { SingleWriter = true });
        var workers = Enumerable.Range(0, MaxConcurrency)
            .Select(_ => Task.Run(() => WorkAsync(work.Reader, stoppingToken, processing.Token), CancellationToken.None))
            .ToList();
        var renewer = Task.Run(() => RenewLeasesAsync(processing.Token), CancellationToken.None);
        var finished = new List<(QueueEntry, EntryOutcome)>();

        try
        {
            await CoordinateAsync(work.Writer, finished, stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            // Entries not started yet come back Released; what the workers finish is recorded.
            work.Writer.TryComplete();
            await Task.WhenAll(workers).ConfigureAwait(false);
            while (TakeFinished(finished) > 0)
            {
                await RecordAndLeaseAsync(finished, 0, null, CancellationToken.None).ConfigureAwait(false);
            }

            await processing.CancelAsync().ConfigureAwait(false);
            await renewer.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The runner's one coordinating loop: it records finished entries and leases new ones, both
    /// in one transaction whenever it can, and hands the leased entries to the workers. It
    /// records half a lease batch at a time (the amount that makes leasing worthwhile again)
    /// rather than every few entries that happen to be finished, which on SQLite meant hundreds of
    /// small write transactions per fan-out; it does not hold finished entries when every entry in
    /// flight is finished (nothing more is coming), nor longer than <see cref="CompletionLinger"/>
    /// (slow entries, such as copies to distant servers). It leases while there is room for half
    /// a batch and the queue may have work: after a full lease, a notification from this node, or
    /// the poll interval (other nodes' work). Workers wake it only when that can change something
    /// (<see cref="WorkAsync"/>), not at every finished entry.
    /// </summary>
    private async Task CoordinateAsync(ChannelWriter<QueueEntry> work, List<(QueueEntry, EntryOutcome)> finished, CancellationToken stoppingToken)
    {
        var hungry = true;
        var firstFinishedAt = 0L;
        while (!stoppingToken.IsCancellationRequested)
        {
            // Cleared before looking, so that a worker finishing from now on wakes the wait below.
            Volatile.Write(ref _wakePending, 0);
            var waiting = finished.Count;
            TakeFinished(finished);
            if (waiting == 0 && finished.Count > 0)
            {
                firstFinishedAt = Context.Clock.GetTimestamp();
            }

            var inFlight = Volatile.Read(ref _inFlightCount);
            var lingerLeft = CompletionLinger - Context.Clock.GetElapsedTime(firstFinishedAt);
            var record = finished.Count > 0 && (finished.Count >= RefillSize || finished.Count >= inFlight || lingerLeft <= TimeSpan.Zero);
            var room = InFlightLimit - inFlight + (record ? finished.Count : 0);
            var leaseLimit = room >= RefillSize && (hungry || record) ? Math.Min(room, LeaseBatch) : 0;
            if (record || leaseLimit > 0)
            {
                var after = leaseLimit > 0 ? LeaseFrom() : null;
                var leased = await RecordAndLeaseAsync(record ? finished : [], leaseLimit, after, stoppingToken).ConfigureAwait(false);
                if (leaseLimit > 0)
                {
                    // A short lease means the queue is empty for now: wait for a notification.
                    hungry = leased.Count == leaseLimit;
                    _leasedUpTo = hungry ? new LeasePosition(leased[^1].Priority, leased[^1].Id) : null;
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
                }

                continue;
            }

            if (await WaitForChangeAsync(finished.Count > 0 ? lingerLeft : null, room >= RefillSize, stoppingToken).ConfigureAwait(false))
            {
                hungry = true;
            }
        }
    }

    /// <summary>
    /// Where the next lease starts: after the last full lease, so that it does not step over
    /// this runner's own entries in flight (up to <see cref="InFlightLimit"/> at the head of the
    /// queue, each a row read for nothing, while the database's writer lock is held). From the
    /// start instead after any notification for this runner's queues since the last look from
    /// the start (new work may sort before the position: an alert during a bulk fan-out), and at
    /// least every poll interval (entries that became due, and leases of other nodes that expired).
    /// </summary>
    private LeasePosition? LeaseFrom()
    {
        var generation = Context.Signal.Generation(Queues);
        if (_leasedUpTo is { } position && generation == _generationSeen
            && Context.Clock.GetElapsedTime(_lookedFromStartAt) < Context.Options.PollInterval)
        {
            return position;
        }

        // Read before the lease: a notification during it makes the next lease look from the start.
        _generationSeen = generation;
        _lookedFromStartAt = Context.Clock.GetTimestamp();
        return null;
    }

    /// <summary>
    /// Waits for whichever comes first: a worker's wake-up, the end of the linger (when finished
    /// entries wait for company), a notification or the poll interval (only when there is room
    /// for more work), or the stop. Returns true when it is time to look for work.
    /// </summary>
    private async Task<bool> WaitForChangeAsync(TimeSpan? lingerLeft, bool roomForWork, CancellationToken stoppingToken)
    {
        using var linger = lingerLeft is { } left ? new CancellationTokenSource(left, Context.Clock) : null;
        using var wait = linger is null
            ? CancellationTokenSource.CreateLinkedTokenSource(stoppingToken)
            : CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, linger.Token);
        var woken = _wake.WaitAsync(wait.Token);
        if (!roomForWork)
        {
            // In full flow: only finished entries can change anything.
            await WaitQuietlyAsync(woken).ConfigureAwait(false);
            return false;
        }

        var signal = Context.Signal.WaitAsync(Queues, Context.Options.PollInterval, wait.Token);
        await Task.WhenAny(woken, signal).ConfigureAwait(false);
        await wait.CancelAsync().ConfigureAwait(false);
        await WaitQuietlyAsync(woken).ConfigureAwait(false);
        return await signal.ConfigureAwait(false);
    }

    /// <summary>
    /// A worker: processes what the coordinating loop hands over and leaves each outcome for it.
    /// It wakes the loop for the first finished entry since the last recording (its linger
    /// starts), for half a batch, and when every entry in flight is finished.
    /// </summary>
    private async Task WorkAsync(ChannelReader<QueueEntry> work, CancellationToken stoppingToken, CancellationToken processingToken)
    {
        await foreach (var entry in work.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            // Once stopping, entries not yet started go back untouched for the next node or start.
            var outcome = stoppingToken.IsCancellationRequested
                ? new EntryOutcome.Released()
                : await ProcessSafelyAsync(entry, processingToken).ConfigureAwait(false);
            _finished.Enqueue((entry, outcome));
            var unrecorded = Interlocked.Increment(ref _unrecorded);
            if ((unrecorded == 1 || unrecorded >= RefillSize || unrecorded >= Volatile.Read(ref _inFlightCount))
                && Interlocked.Exchange(ref _wakePending, 1) == 0)
            {
                _wake.Release();
            }
        }
    }

    /// <summary>Moves what the workers finished into <paramref name="batch"/> (at most 512 in all); returns the batch's size.</summary>
    private int TakeFinished(List<(QueueEntry, EntryOutcome)> batch)
    {
        while (batch.Count < 512 && _finished.TryDequeue(out var item))
        {
            batch.Add(item);
        }

        return batch.Count;
    }

    /// <summary>
    /// Records <paramref name="finished"/> and leases up to <paramref name="leaseLimit"/> entries
    /// (after <paramref name="after"/>, if given) in one transaction, then empties
    /// <paramref name="finished"/> and frees its slots. A busy or unreachable database is
    /// retried; nothing is lost: after five failed attempts the outcomes are given up and their
    /// entries run again once their leases expire (at least once, with duplicates bounded by what
    /// was in flight), and a failed lease alone waits and tries again.
    /// </summary>
    private async Task<IReadOnlyList<QueueEntry>> RecordAndLeaseAsync(
        List<(QueueEntry Entry, EntryOutcome Outcome)> finished, int leaseLimit, LeasePosition? after, CancellationToken stoppingToken)
    {
        var request = new LeaseRequest(Owner, Queues, leaseLimit, Context.Options.LeaseDuration, MaxPriority, after);
        IReadOnlyList<QueueEntry> leased = [];
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                (var lost, leased) = await Context.Store.ApplyAndLeaseAsync(finished, request, CancellationToken.None).ConfigureAwait(false);
                if (lost > 0)
                {
                    Log.LostLeases(Logger, Owner, lost);
                }

                break;
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or TimeoutException or InvalidOperationException)
            {
                if (finished.Count == 0)
                {
                    Log.LeaseFailed(Logger, ex, Owner);
                    await WaitQuietlyAsync(Task.Delay(Context.Options.PollInterval * 4, Context.Clock, stoppingToken)).ConfigureAwait(false);
                    return [];
                }

                if (attempt >= 5)
                {
                    Log.ApplyAbandoned(Logger, ex, Owner, finished.Count);
                    break;
                }

                Log.ApplyFailed(Logger, ex, Owner, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), Context.Clock).ConfigureAwait(false);
            }
        }

        foreach (var (entry, _) in finished)
        {
            if (_inFlight.TryRemove(entry.Id, out QueueEntry? _))
            {
                Interlocked.Decrement(ref _inFlightCount);
            }
        }

        Interlocked.Add(ref _unrecorded, -finished.Count);
        finished.Clear();
        return leased;
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

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
        GC.SuppressFinalize(this);
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
