namespace TldOps.Core.Lists.Bounces;

/// <summary>
/// The <c>Lists:Bounces</c> settings. The scoring follows Mailman's, which lists have run on for
/// two decades: a hard bounce counts 1, a soft one 0.5, at most once per member per day (a
/// fan-out of ten posts to a dead mailbox in one day is one bad day, not ten), and the score
/// starts again when the last counted bounce is older than <see cref="StaleAfter"/>.
/// </summary>
public sealed class BounceOptions
{
    /// <summary>Delivery to a member is disabled when the score reaches this (default 5.0).</summary>
    public double Threshold { get; set; } = 5.0;

    /// <summary>What a permanent failure adds (default 1.0).</summary>
    public double HardScore { get; set; } = 1.0;

    /// <summary>What a temporary failure reported as final adds (default 0.5).</summary>
    public double SoftScore { get; set; } = 0.5;

    /// <summary>A score whose last bounce is older than this starts again from zero (default 7 days).</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Throws <see cref="InvalidOperationException"/> for values that cannot work.</summary>
    public void Validate()
    {
        if (Threshold <= 0 || HardScore <= 0 || SoftScore < 0 || StaleAfter < TimeSpan.FromHours(1))
        {
            throw new InvalidOperationException("Lists:Bounces: Threshold and HardScore must be positive, SoftScore not negative, StaleAfter at least an hour.");
        }
    }
}
