using System.Collections.Concurrent;
using TldOps.Core.Storage.Queues;

namespace TldOps.Core.Lists.Delivery;

/// <summary>
/// The bytes of the messages being delivered, read once from <see cref="MessageStore"/> and
/// shared by every copy: a fan-out to 10,000 members reads its message once, not 10,000 times.
/// Holds at most <see cref="Capacity"/> messages (the oldest loaded goes first), so memory stays
/// bounded while many posts and notices are in flight.
/// </summary>
public sealed class MessageCache(MessageStore store)
{
    public const int Capacity = 64;

    private readonly ConcurrentDictionary<long, Lazy<Task<byte[]?>>> _entries = new();
    private readonly ConcurrentQueue<long> _order = new();

    /// <summary>The bytes of message <paramref name="id"/>, or null when it does not exist.</summary>
    public async Task<byte[]?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        var entry = _entries.GetOrAdd(id, key => new Lazy<Task<byte[]?>>(() => LoadAsync(key)));
        byte[]? bytes;
        try
        {
            bytes = await entry.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A failed read (the database was busy) must not be remembered either.
            _entries.TryRemove(new KeyValuePair<long, Lazy<Task<byte[]?>>>(id, entry));
            throw;
        }

        if (bytes is null)
        {
            // Do not remember a miss: the row may be committed a moment later.
            _entries.TryRemove(new KeyValuePair<long, Lazy<Task<byte[]?>>>(id, entry));
        }

        return bytes;
    }

    private async Task<byte[]?> LoadAsync(long id)
    {
        var bytes = await store.GetAsync(id, CancellationToken.None).ConfigureAwait(false);
        _order.Enqueue(id);
        while (_order.Count > Capacity && _order.TryDequeue(out var oldest))
        {
            _entries.TryRemove(oldest, out _);
        }

        return bytes;
    }
}
