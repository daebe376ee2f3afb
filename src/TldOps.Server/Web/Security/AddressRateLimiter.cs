using System.Threading.RateLimiting;
using TldOps.Server.Hosting;

namespace TldOps.Server.Web.Security;

/// <summary>
/// Limits per email address, which the client-address limits cannot see: a botnet must not be
/// able to flood one member's mailbox with login links, nor one admin contact's with join
/// requests. Applied whether or not the address is a member's, so it tells nobody who is.
/// </summary>
internal sealed class AddressRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _login;
    private readonly PartitionedRateLimiter<string> _join;

    public AddressRateLimiter(RateLimitSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _login = Create(settings.LoginPerAddress, settings.LoginWindow);
        _join = Create(settings.JoinPerAddress, settings.JoinWindow);
    }

    /// <summary>True when one more login link may be sent to <paramref name="address"/>.</summary>
    public bool TryLogin(string? address) => TryAcquire(_login, address);

    /// <summary>True when one more join request may name <paramref name="address"/>.</summary>
    public bool TryJoin(string? address) => TryAcquire(_join, address);

    public void Dispose()
    {
        _login.Dispose();
        _join.Dispose();
    }

    private static bool TryAcquire(PartitionedRateLimiter<string> limiter, string? address)
    {
        // Case and spaces do not make a new mailbox; anything longer than an address can be is one key.
        var key = (address ?? string.Empty).Trim().ToLowerInvariant();
        if (key.Length > 254)
        {
            key = key[..254];
        }

        using var lease = limiter.AttemptAcquire(key);
        return lease.IsAcquired;
    }

    private static PartitionedRateLimiter<string> Create(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
        }));
}
