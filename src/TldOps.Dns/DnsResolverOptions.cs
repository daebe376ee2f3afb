using System.Net;
using TldOps.Dns.Wire;

namespace TldOps.Dns;

/// <summary>
/// How <see cref="DnsResolver"/> talks to its servers. <see cref="Default"/> is frozen; call
/// <see cref="Clone"/> for a copy that can be changed. With no <see cref="Servers"/> the resolver
/// adopts the system configuration from <see cref="ResolvConfPath"/>: its nameservers and its
/// <c>timeout</c>, <c>attempts</c> and <c>rotate</c> options replace the values set here.
/// </summary>
public sealed class DnsResolverOptions
{
    private bool _frozen;
    private IReadOnlyList<IPEndPoint> _servers = [];
    private string _resolvConfPath = "/etc/resolv.conf";
    private TimeSpan _timeout = TimeSpan.FromSeconds(5);
    private int _attempts = 2;
    private bool _rotate;
    private ushort _udpPayloadSize = DnsQuery.DefaultUdpPayloadSize;
    private bool _dnssecOk;
    private bool _recursionDesired = true;
    private int _maxTcpResponseSize = 65535;
    private int _cacheSize = 1024;
    private TimeSpan _maxCacheTtl = TimeSpan.FromDays(1);
    private TimeSpan _maxNegativeCacheTtl = TimeSpan.FromHours(3);
    private int _maxCnameChain = 8;
    private DnsParserOptions _parserOptions = DnsParserOptions.Default;

    /// <summary>The frozen defaults.</summary>
    public static DnsResolverOptions Default { get; } = new DnsResolverOptions().Freeze();

    /// <summary>
    /// The servers to ask, in order (any port). Default empty: use the nameservers of
    /// <see cref="ResolvConfPath"/>, or 127.0.0.1 and ::1 when it lists none (as glibc does).
    /// </summary>
    public IReadOnlyList<IPEndPoint> Servers
    {
        get => _servers;
        set
        {
            ThrowIfFrozen();
            ArgumentNullException.ThrowIfNull(value);
            _servers = value.Select(s => s ?? throw new ArgumentException("A server is null.", nameof(value))).ToArray();
        }
    }

    /// <summary>The resolver configuration read when <see cref="Servers"/> is empty. Default "/etc/resolv.conf".</summary>
    public string ResolvConfPath
    {
        get => _resolvConfPath;
        set
        {
            ThrowIfFrozen();
            ArgumentException.ThrowIfNullOrEmpty(value);
            _resolvConfPath = value;
        }
    }

    /// <summary>How long one try waits for an answer. Default 5 s (glibc's RES_TIMEOUT); more than 0, at most 60 s.</summary>
    public TimeSpan Timeout
    {
        get => _timeout;
        set
        {
            ThrowIfFrozen();
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, TimeSpan.FromSeconds(60));
            _timeout = value;
        }
    }

    /// <summary>How many rounds over all servers a query makes before giving up. Default 2 (glibc's RES_DFLRETRY); 1 to 10.</summary>
    public int Attempts
    {
        get => _attempts;
        set
        {
            ThrowIfFrozen();
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 10);
            _attempts = value;
        }
    }

    /// <summary>Start each query at the next server in turn, spreading load (resolv.conf <c>rotate</c>). Default false.</summary>
    public bool Rotate
    {
        get => _rotate;
        set
        {
            ThrowIfFrozen();
            _rotate = value;
        }
    }

    /// <summary>The UDP payload size advertised with EDNS(0). Default 1232 (DNS Flag Day 2020); at least 512.</summary>
    public ushort UdpPayloadSize
    {
        get => _udpPayloadSize;
        set
        {
            ThrowIfFrozen();
            ArgumentOutOfRangeException.ThrowIfLessThan(value, (ushort)512);
            _udpPayloadSize = value;
        }
    }

    /// <summary>Set the DO bit to receive RRSIG and other DNSSEC records (RFC 3225). Default false.</summary>
    public bool DnssecOk
    {
        get => _dnssecOk;
        set
        {
            ThrowIfFrozen();
            _dnssecOk = value;
        }
    }

    /// <summary>Set the RD bit. Default true (the servers are recursive resolvers); false to query authoritative servers.</summary>
    public bool RecursionDesired
    {
        get => _recursionDesired;
        set
        {
            ThrowIfFrozen();
            _recursionDesired = value;
        }
    }

    /// <summary>The largest TCP answer accepted, in bytes; a larger one is <see cref="DnsOutcome.Malformed"/>. Default 65535 (the most a length prefix can say); 512 to 65535.</summary>
    public int MaxTcpResponseSize
    {
        get => _maxTcpResponseSize;
        set
        {
            ThrowIfFrozen();
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 512);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 65535);
            _maxTcpResponseSize = value;
        }
    }

    /// <summary>The most answers kept in the cache (least recently used go first); 0 turns the cache off. Default 1024.</summary>
    public int CacheSize
    {
        get => _cacheSize;
        set
        {
            ThrowIfFrozen();
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _cacheSize = value;
        }
    }

    /// <summary>The longest a positive answer is cached, whatever its TTL says. Default 1 day; not negative.</summary>
    public TimeSpan MaxCacheTtl
    {
        get => _maxCacheTtl;
        set
        {
            ThrowIfFrozen();
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            _maxCacheTtl = value;
        }
    }

    /// <summary>The longest a negative answer (NXDOMAIN, NODATA) is cached. Default 3 hours, the upper bound RFC 2308 §5 suggests; not negative.</summary>
    public TimeSpan MaxNegativeCacheTtl
    {
        get => _maxNegativeCacheTtl;
        set
        {
            ThrowIfFrozen();
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            _maxNegativeCacheTtl = value;
        }
    }

    /// <summary>The most CNAME records followed for one lookup; a longer chain is <see cref="DnsOutcome.ServerFailure"/>. Default 8; 0 to 32.</summary>
    public int MaxCnameChain
    {
        get => _maxCnameChain;
        set
        {
            ThrowIfFrozen();
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 32);
            _maxCnameChain = value;
        }
    }

    /// <summary>Limits for reading answers. Default <see cref="DnsParserOptions.Default"/>.</summary>
    public DnsParserOptions ParserOptions
    {
        get => _parserOptions;
        set
        {
            ThrowIfFrozen();
            ArgumentNullException.ThrowIfNull(value);
            _parserOptions = value;
        }
    }

    /// <summary>True when the options can no longer be changed.</summary>
    public bool IsFrozen => _frozen;

    /// <summary>A changeable copy of these options.</summary>
    public DnsResolverOptions Clone()
    {
        var copy = (DnsResolverOptions)MemberwiseClone();
        copy._frozen = false;
        return copy;
    }

    /// <summary>Makes these options (and their parser options) read-only and returns them.</summary>
    public DnsResolverOptions Freeze()
    {
        if (!_parserOptions.IsFrozen)
        {
            _parserOptions = _parserOptions.Clone().Freeze();
        }

        _frozen = true;
        return this;
    }

    private void ThrowIfFrozen()
    {
        if (_frozen)
        {
            throw new InvalidOperationException("These DNS resolver options are frozen; change a Clone() instead.");
        }
    }
}
