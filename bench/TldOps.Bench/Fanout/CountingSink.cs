using System.Collections.Concurrent;
using System.Diagnostics;
using TldOps.Mail.Smtp.Sink;

namespace TldOps.Bench.Fanout;

/// <summary>
/// The loopback sink every copy goes to (our recording SMTP server, in memory): it counts copies
/// per recipient and remembers when the copy that completed a target count arrived.
/// </summary>
internal sealed class CountingSink : IAsyncDisposable
{
    private readonly SmtpSink _sink = new(new SmtpSinkOptions());
    private readonly ConcurrentDictionary<string, int> _perRecipient = new(StringComparer.OrdinalIgnoreCase);
    private long _count;
    private long[] _arrivals = new long[100_000];
    private long _target = long.MaxValue;
    private long _reachedAt;
    private TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public CountingSink()
    {
        _sink.MessageRecorded += (_, message) =>
        {
            foreach (var recipient in message.Envelope.Recipients)
            {
                _perRecipient.AddOrUpdate(recipient.Address, 1, (_, n) => n + 1);
            }

            var count = Interlocked.Increment(ref _count);
            if (count <= _arrivals.Length)
            {
                _arrivals[count - 1] = Stopwatch.GetTimestamp();
            }

            if (count == Interlocked.Read(ref _target))
            {
                Interlocked.Exchange(ref _reachedAt, Stopwatch.GetTimestamp());
                _reached.TrySetResult();
            }

            Counted?.Invoke(count);
        };
    }

    /// <summary>Called with the running total after each copy (the crash run kills the server from here).</summary>
    public Action<long>? Counted { get; set; }

    public int Port => _sink.EndPoint.Port;

    public long Count => Interlocked.Read(ref _count);

    public IReadOnlyDictionary<string, int> PerRecipient => _perRecipient;

    public Task StartAsync() => _sink.StartAsync();

    /// <summary>How long the copies took to arrive after <paramref name="start"/>, and how much of it were pauses over 10 ms between two copies.</summary>
    public string Gaps(long start)
    {
        var count = (int)Math.Min(Count, _arrivals.Length);
        var times = _arrivals.Take(count).Order().ToArray();
        if (times.Length == 0)
        {
            return "no copies";
        }

        var first = Stopwatch.GetElapsedTime(start, times[0]).TotalMilliseconds;
        var gaps = new List<double>();
        for (var i = 1; i < times.Length; i++)
        {
            var gap = Stopwatch.GetElapsedTime(times[i - 1], times[i]).TotalMilliseconds;
            if (gap > 10)
            {
                gaps.Add(gap);
            }
        }

        var span = Stopwatch.GetElapsedTime(times[0], times[^1]).TotalMilliseconds;
        // When each tenth of the copies had arrived, counted from the 250: where a fan-out slows down.
        var tenths = string.Join(" ", Enumerable.Range(1, 10).Select(t => Stopwatch.GetElapsedTime(start, times[Math.Min(times.Length - 1, (times.Length * t / 10) - 1)]).TotalMilliseconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture)));
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"first copy after {first:0} ms; then {span:0} ms for the rest, of which {gaps.Sum():0} ms in {gaps.Count} pauses over 10 ms (longest {(gaps.Count == 0 ? 0 : gaps.Max()):0} ms); tenths at {tenths} ms");
    }

    /// <summary>Forgets what was counted and waits for <paramref name="target"/> new copies.</summary>
    public void Reset(long target)
    {
        _perRecipient.Clear();
        Array.Clear(_arrivals);
        Interlocked.Exchange(ref _count, 0);
        Interlocked.Exchange(ref _target, target);
        _reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Waits for the target; returns the Stopwatch timestamp of the copy that reached it.</summary>
    public async Task<long> WaitAsync(TimeSpan timeout)
    {
        await _reached.Task.WaitAsync(timeout);
        return Interlocked.Read(ref _reachedAt);
    }

    public ValueTask DisposeAsync() => _sink.DisposeAsync();
}
