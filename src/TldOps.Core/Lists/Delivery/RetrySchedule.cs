namespace TldOps.Core.Lists.Delivery;

/// <summary>
/// When to try a copy again after a temporary failure. The schedule is a list of waits whose last
/// one repeats; the due times are counted from when the copy was first queued, so no attempt
/// counter is needed: a copy that failed at minute 0 is due at 5, then 20, 50, 110, 230, then
/// every 4 hours, until <see cref="MaxAge"/>, when it fails for good with a last attempt at the
/// deadline.
/// </summary>
public sealed class RetrySchedule
{
    private readonly IReadOnlyList<TimeSpan> _intervals;

    public RetrySchedule(IReadOnlyList<TimeSpan> intervals, TimeSpan maxAge)
    {
        ArgumentNullException.ThrowIfNull(intervals);
        if (intervals.Count == 0 || intervals.Any(i => i <= TimeSpan.Zero))
        {
            throw new ArgumentException("A retry schedule needs at least one positive interval.", nameof(intervals));
        }

        _intervals = intervals;
        MaxAge = maxAge;
    }

    public TimeSpan MaxAge { get; }

    public static RetrySchedule From(DeliveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new RetrySchedule(options.EffectiveRetryIntervals, options.MaxRetryAge);
    }

    /// <summary>The next attempt for a copy first queued at <paramref name="queuedAt"/>, or null to give up.</summary>
    public DateTimeOffset? Next(DateTimeOffset queuedAt, DateTimeOffset now)
    {
        var age = now - queuedAt;
        if (age >= MaxAge)
        {
            return null;
        }

        var due = TimeSpan.Zero;
        for (var i = 0; ; i++)
        {
            due += _intervals[Math.Min(i, _intervals.Count - 1)];
            if (due > age)
            {
                return queuedAt + (due < MaxAge ? due : MaxAge);
            }
        }
    }
}
