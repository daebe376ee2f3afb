namespace TldOps.Dns.Wire;

/// <summary>
/// Limits applied while reading a DNS message. <see cref="Default"/> is frozen; call
/// <see cref="Clone"/> to get a copy that can be changed. Name and label lengths are not options:
/// RFC 1035 §2.3.4 fixes them at 255 and 63 octets.
/// </summary>
public sealed class DnsParserOptions
{
    private bool _frozen;
    private int _maxMessageSize = 65535;
    private int _maxRecordCount = 4096;
    private int _maxPointerHops = 64;

    /// <summary>The frozen default limits.</summary>
    public static DnsParserOptions Default { get; } = new DnsParserOptions().Freeze();

    /// <summary>
    /// The largest message accepted, in bytes. Default 65535, the most a TCP length prefix can
    /// announce (RFC 1035 §4.2.2); range 12 (a bare header) to 65535.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 12–65535.</exception>
    /// <exception cref="InvalidOperationException">The options are frozen.</exception>
    public int MaxMessageSize
    {
        get => _maxMessageSize;
        set
        {
            ThrowIfFrozen();
            ArgumentOutOfRangeException.ThrowIfLessThan(value, DnsHeader.Length);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 65535);
            _maxMessageSize = value;
        }
    }

    /// <summary>
    /// The most questions plus records a message may announce in its header. Default 4096: a
    /// 65535-byte message holds at most about 5900 minimal (11-byte) records, and no answer TldOps
    /// needs comes close. Checked before any record is read, so a hostile header costs nothing.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    /// <exception cref="InvalidOperationException">The options are frozen.</exception>
    public int MaxRecordCount
    {
        get => _maxRecordCount;
        set
        {
            ThrowIfFrozen();
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _maxRecordCount = value;
        }
    }

    /// <summary>
    /// The most compression pointers followed while reading one name. Default 64. Pointers must
    /// point strictly backwards, so loops are impossible anyway; this caps the work per name
    /// (a 255-octet name has at most 127 labels, and real compressors use one pointer per name).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    /// <exception cref="InvalidOperationException">The options are frozen.</exception>
    public int MaxPointerHops
    {
        get => _maxPointerHops;
        set
        {
            ThrowIfFrozen();
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _maxPointerHops = value;
        }
    }

    /// <summary>True when the options can no longer be changed.</summary>
    public bool IsFrozen => _frozen;

    /// <summary>A changeable copy of these options.</summary>
    public DnsParserOptions Clone() => new()
    {
        _maxMessageSize = _maxMessageSize,
        _maxRecordCount = _maxRecordCount,
        _maxPointerHops = _maxPointerHops,
    };

    /// <summary>Makes these options read-only and returns them.</summary>
    public DnsParserOptions Freeze()
    {
        _frozen = true;
        return this;
    }

    private void ThrowIfFrozen()
    {
        if (_frozen)
        {
            throw new InvalidOperationException("These DNS parser options are frozen; change a Clone() instead.");
        }
    }
}
