using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TldOps.Dns.Records;
using TldOps.Dns.Wire;

namespace TldOps.Dns;

/// <summary>
/// A stub resolver: asks recursive servers over UDP (TCP when the answer is truncated), validates
/// each answer against its query, follows CNAME chains, and caches answers for their TTL,
/// negative ones per RFC 2308. Safe for concurrent use; create one and share it.
/// </summary>
/// <remarks>
/// Each try sends a query with a random 16-bit identifier from a fresh socket whose source port
/// the operating system picks; datagrams that do not match the identifier and question are
/// dropped (RFC 5452 §9). A server that times out, answers SERVFAIL or REFUSED, or sends an
/// unreadable answer is left for the next one; <see cref="DnsResolverOptions.Attempts"/> rounds
/// are made over all servers. Unicode names are converted to A-labels; the <c>search</c> list of
/// resolv.conf is never applied, as every name TldOps looks up is fully qualified.
/// </remarks>
public sealed partial class DnsResolver
{
    private readonly DnsResolverOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly Random _random;
    private readonly Lock _randomLock = new();
    private readonly DnsCache? _cache;
    private readonly ILogger _logger;
    private int _rotation;

    /// <summary>Creates a resolver.</summary>
    /// <param name="options">How to reach the servers; <see cref="DnsResolverOptions.Default"/> (the system's resolv.conf) when null.</param>
    /// <param name="timeProvider">The clock for timeouts and cache expiry; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="random">The source of query identifiers and of the order among equal MX preferences; a cryptographic source when null.</param>
    /// <param name="logger">Where dropped datagrams and failing servers are logged, at Debug level.</param>
    public DnsResolver(
        DnsResolverOptions? options = null, TimeProvider? timeProvider = null, Random? random = null, ILogger<DnsResolver>? logger = null)
    {
        options ??= DnsResolverOptions.Default;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _random = random ?? new CryptographicRandom();
        _options = options.Servers.Count > 0 ? options.Clone().Freeze() : AdoptSystemConfiguration(options, _logger);
        _cache = _options.CacheSize > 0 ? new DnsCache(_options.CacheSize) : null;
    }

    /// <summary>The servers in use (from the options, or from resolv.conf).</summary>
    public IReadOnlyList<IPEndPoint> Servers => _options.Servers;

    /// <summary>The options in force, frozen, after adopting resolv.conf when no servers were given.</summary>
    public DnsResolverOptions Options => _options;

    /// <summary>
    /// Looks up the records of one type, following CNAME chains (unless <paramref name="type"/> is
    /// CNAME or ANY) up to <see cref="DnsResolverOptions.MaxCnameChain"/> links.
    /// </summary>
    /// <param name="name">A fully qualified name; Unicode is converted to A-labels, a trailing dot is optional.</param>
    /// <param name="type">The record type.</param>
    /// <param name="cancellationToken">Cancels the lookup with <see cref="OperationCanceledException"/>; a server that is slow gives <see cref="DnsOutcome.Timeout"/> instead.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid domain name.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<DnsQueryResult> QueryAsync(string name, DnsRecordType type, CancellationToken cancellationToken = default)
    {
        var ascii = DnsName.ToAscii(name);
        cancellationToken.ThrowIfCancellationRequested();
        var follow = type is not (DnsRecordType.CNAME or DnsRecordType.ANY);
        var current = ascii;
        var aliases = new List<string>();

        // Each pass either ends or adds at least one alias, and aliases are capped.
        while (true)
        {
            var exchange = await ExchangeAsync(new DnsQuestion(current, type), cancellationToken);
            if (!exchange.IsAnswer)
            {
                return new DnsQueryResult(exchange.Outcome, ascii, type, current, aliases, [], exchange);
            }

            var before = current;
            var walk = WalkAnswer(exchange.Message!, type, follow, ref current, aliases);
            if (walk.Looped || aliases.Count > _options.MaxCnameChain)
            {
                _logger.LogDebug("CNAME chain from {Name} loops or exceeds {Max} links", ascii, _options.MaxCnameChain);
                return new DnsQueryResult(DnsOutcome.ServerFailure, ascii, type, current, aliases, [], exchange);
            }

            if (walk.Records.Count > 0)
            {
                return new DnsQueryResult(DnsOutcome.Success, ascii, type, current, aliases, walk.Records, exchange);
            }

            // RFC 6604: the response code speaks for the last name of the chain.
            if (exchange.Outcome == DnsOutcome.NxDomain)
            {
                return new DnsQueryResult(DnsOutcome.NxDomain, ascii, type, current, aliases, [], exchange);
            }

            // No data at the end of the chain. It is proven absent when the chain did not move, or
            // when an SOA comes with it (RFC 2308 §2.2); otherwise the chain left the server's
            // data (an authoritative server answering for another zone) and its end is asked next.
            if (DnsName.AreEqual(before, current) || !follow || exchange.Message!.Authorities.Any(r => r is SoaRecord))
            {
                return new DnsQueryResult(DnsOutcome.NoData, ascii, type, current, aliases, [], exchange);
            }
        }
    }

    /// <summary>
    /// Follows the CNAME chain from <paramref name="current"/> through the answer section and
    /// collects the records of <paramref name="type"/> owned by its end. Records owned by other
    /// names are ignored, so an answer cannot slip in data about names nobody asked for.
    /// </summary>
    private static (IReadOnlyList<DnsRecord> Records, bool Looped) WalkAnswer(
        DnsMessage message, DnsRecordType type, bool follow, ref string current, List<string> aliases)
    {
        // Each pass moves to a new name or ends; a chain cannot be longer than the answer section.
        for (var pass = 0; pass <= message.Answers.Count; pass++)
        {
            var owner = current;
            var records = message.Answers.Where(r => (r.Type == type || type == DnsRecordType.ANY) && DnsName.AreEqual(r.Name, owner)).ToList();
            if (records.Count > 0)
            {
                return (records, false);
            }

            var alias = follow
                ? message.Answers.OfType<CNameRecord>().FirstOrDefault(r => DnsName.AreEqual(r.Name, owner))
                : null;
            if (alias is null)
            {
                return ([], false);
            }

            if (DnsName.AreEqual(alias.Target, owner) || aliases.Exists(a => DnsName.AreEqual(a, alias.Target)))
            {
                return ([], true);
            }

            aliases.Add(owner);
            current = alias.Target;
        }

        return ([], true);
    }

    private static DnsResolverOptions AdoptSystemConfiguration(DnsResolverOptions options, ILogger logger)
    {
        var system = ResolvConf.Load(options.ResolvConfPath);
        foreach (var problem in system.Problems)
        {
            logger.LogWarning("{Path}: {Problem}", options.ResolvConfPath, problem);
        }

        var adopted = options.Clone();
        adopted.Servers = system.Nameservers.Count > 0
            ? system.Nameservers.Select(a => new IPEndPoint(a, 53)).ToArray()
            : [new IPEndPoint(IPAddress.Loopback, 53), new IPEndPoint(IPAddress.IPv6Loopback, 53)];
        adopted.Timeout = system.Timeout ?? options.Timeout;
        adopted.Attempts = system.Attempts ?? options.Attempts;
        adopted.Rotate = system.Rotate || options.Rotate;
        return adopted.Freeze();
    }

    private ushort NextId()
    {
        lock (_randomLock)
        {
            return (ushort)_random.Next(0, 65536);
        }
    }
}
