using System.Net;

namespace TldOps.Mail.Smtp.Server;

/// <summary>
/// Counts new connections per client address in fixed one-minute windows, as Postfix's anvil
/// does with anvil_rate_time_unit = 60s.
/// </summary>
internal sealed class ConnectionRateLimiter
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Addresses tracked at most (about 10 MB). A flood from more addresses than this in one
    /// minute is admitted untracked rather than refused: the connection limit still bounds the
    /// load, and refusing unknown addresses would shut out legitimate peers first.
    /// </summary>
    private const int MaxTrackedAddresses = 100_000;
    private readonly int? _limit;
    private readonly Dictionary<IPAddress, (DateTimeOffset Start, int Count)> _windows = [];
    private readonly Lock _lock = new();

    public ConnectionRateLimiter(int? limit)
    {
        _limit = limit;
    }

    public bool TryAcquire(IPAddress address, DateTimeOffset now)
    {
        if (_limit is not { } limit)
        {
            return true;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        lock (_lock)
        {
            if (!_windows.TryGetValue(address, out var window) || now - window.Start >= Window)
            {
                window = (now, 0);
                if (_windows.Count >= MaxTrackedAddresses)
                {
                    PruneLocked(now);
                    if (_windows.Count >= MaxTrackedAddresses)
                    {
                        return true;
                    }
                }
            }

            if (window.Count >= limit)
            {
                return false;
            }

            _windows[address] = (window.Start, window.Count + 1);
            return true;
        }
    }

    public void Prune(DateTimeOffset now)
    {
        lock (_lock)
        {
            PruneLocked(now);
        }
    }

    private void PruneLocked(DateTimeOffset now)
    {
        foreach (var (address, window) in _windows)
        {
            if (now - window.Start >= Window)
            {
                _windows.Remove(address);
            }
        }
    }
}
