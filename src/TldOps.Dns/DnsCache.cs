using TldOps.Dns.Wire;

namespace TldOps.Dns;

/// <summary>
/// Answers kept until their TTL runs out, bounded in entries: when full, the least recently used
/// entry goes. Thread-safe; time is passed in, so the resolver's <see cref="TimeProvider"/> rules.
/// </summary>
internal sealed class DnsCache
{
    private readonly int _capacity;
    private readonly Dictionary<Key, LinkedListNode<Entry>> _entries = [];
    private readonly LinkedList<Entry> _recency = new();
    private readonly Lock _lock = new();

    public DnsCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    public static Key KeyOf(DnsQuestion question) => new(DnsName.ToKey(question.Name), question.Type, question.Class);

    public bool TryGet(Key key, DateTimeOffset now, out DnsExchange? exchange)
    {
        lock (_lock)
        {
            exchange = null;
            if (!_entries.TryGetValue(key, out var node))
            {
                return false;
            }

            if (node.Value.Expires <= now)
            {
                _entries.Remove(key);
                _recency.Remove(node);
                return false;
            }

            _recency.Remove(node);
            _recency.AddFirst(node);
            exchange = node.Value.Exchange;
            return true;
        }
    }

    public void Store(Key key, DnsExchange exchange, DateTimeOffset expires)
    {
        lock (_lock)
        {
            if (_entries.Remove(key, out var old))
            {
                _recency.Remove(old);
            }

            _entries[key] = _recency.AddFirst(new Entry(key, exchange, expires));

            // At most one entry is over capacity after an insert, but stay correct regardless.
            while (_entries.Count > _capacity && _recency.Last is { } last)
            {
                _entries.Remove(last.Value.Key);
                _recency.RemoveLast();
            }
        }
    }

    internal readonly record struct Key(string Name, DnsRecordType Type, DnsClass Class);

    private sealed record Entry(Key Key, DnsExchange Exchange, DateTimeOffset Expires);
}
