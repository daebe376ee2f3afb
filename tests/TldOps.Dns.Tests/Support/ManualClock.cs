namespace TldOps.Dns.Tests.Support;

/// <summary>
/// A clock the test moves by hand, for cache expiry. Timers stay real (the base
/// <see cref="TimeProvider.CreateTimer"/>), so per-try timeouts still fire.
/// </summary>
internal sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
