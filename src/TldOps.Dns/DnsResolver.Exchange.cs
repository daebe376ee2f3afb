using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using TldOps.Dns.Records;
using TldOps.Dns.Wire;

namespace TldOps.Dns;

/// <summary>Asking the servers one question: cache, server order, retries, and what each answer means.</summary>
public sealed partial class DnsResolver
{
    /// <summary>
    /// Answers one question from the cache or the servers: <see cref="DnsResolverOptions.Attempts"/>
    /// rounds over the servers, stopping at the first answer about the name (data, NODATA or NXDOMAIN).
    /// </summary>
    private async Task<DnsExchange> ExchangeAsync(DnsQuestion question, CancellationToken cancellationToken)
    {
        var key = DnsCache.KeyOf(question);
        if (_cache is not null && _cache.TryGet(key, _timeProvider.GetUtcNow(), out var cached))
        {
            return cached! with { FromCache = true };
        }

        var servers = _options.Servers;
        var first = _options.Rotate ? (int)((uint)Interlocked.Increment(ref _rotation) % (uint)servers.Count) : 0;
        DnsExchange? failure = null;
        for (var attempt = 0; attempt < _options.Attempts; attempt++)
        {
            for (var i = 0; i < servers.Count; i++)
            {
                var server = servers[(first + i) % servers.Count];
                var exchange = await AskServerAsync(server, question, cancellationToken);
                if (exchange.IsAnswer)
                {
                    Remember(key, exchange);
                    return exchange;
                }

                _logger.LogDebug("{Server} gave {Outcome} for {Question}", server, exchange.Outcome, question);
                failure = MoreTelling(failure, exchange);
            }
        }

        return failure!;
    }

    /// <summary>
    /// Which failure to report: one where a server answered (SERVFAIL, REFUSED, malformed) says more
    /// than silence (timeout, network error); among equals, the latest.
    /// </summary>
    private static DnsExchange MoreTelling(DnsExchange? previous, DnsExchange latest)
    {
        static bool Answered(DnsExchange e) => e.Outcome is DnsOutcome.ServerFailure or DnsOutcome.Refused or DnsOutcome.Malformed;
        return previous is not null && Answered(previous) && !Answered(latest) ? previous : latest;
    }

    /// <summary>One try at one server: UDP, then TCP if truncated, then once more without EDNS if the server rejects it.</summary>
    private async Task<DnsExchange> AskServerAsync(IPEndPoint server, DnsQuestion question, CancellationToken cancellationToken)
    {
        var useEdns = true;

        // Two rounds at most: the second only when the server answered FORMERR to EDNS (RFC 6891 §7).
        for (var round = 0; ; round++)
        {
            var exchange = await WithDeadlineAsync(server, t => ExchangeOverUdpAsync(server, question, useEdns, t), cancellationToken);
            if (exchange.Message is { Header.IsTruncated: true })
            {
                exchange = await WithDeadlineAsync(server, t => ExchangeOverTcpAsync(server, question, useEdns, t), cancellationToken);
            }

            if (round == 0 && exchange.Message is { ResponseCode: DnsResponseCode.FormatError, Edns: null })
            {
                _logger.LogDebug("{Server} rejects EDNS; asking again without it", server);
                useEdns = false;
                continue;
            }

            return exchange;
        }
    }

    /// <summary>Runs one exchange under the per-try timeout; an expired deadline is a timeout, the caller's cancellation is not.</summary>
    private async Task<DnsExchange> WithDeadlineAsync(
        IPEndPoint server, Func<CancellationToken, Task<DnsExchange>> exchange, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(_options.Timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            return await exchange(linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new DnsExchange(DnsOutcome.Timeout, null, server, null);
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            _logger.LogDebug(e, "Network error with {Server}", server);
            return new DnsExchange(DnsOutcome.NetworkError, null, server, null);
        }
    }

    /// <summary>What a validated response means for the question (RFC 1035 §4.1.1, RFC 2308 §2).</summary>
    private static DnsOutcome Classify(DnsMessage response) => response.ResponseCode switch
    {
        DnsResponseCode.NoError when response.Answers.Count > 0 => DnsOutcome.Success,

        // A referral (NS records, no SOA) is a non-recursive server passing the question on; a stub
        // cannot follow it, and it does not prove the name has no data.
        DnsResponseCode.NoError when IsReferral(response) => DnsOutcome.ServerFailure,
        DnsResponseCode.NoError => DnsOutcome.NoData,
        DnsResponseCode.NameError => DnsOutcome.NxDomain,
        DnsResponseCode.Refused or DnsResponseCode.NotImplemented => DnsOutcome.Refused,
        _ => DnsOutcome.ServerFailure,
    };

    private static bool IsReferral(DnsMessage response) =>
        !response.Header.IsAuthoritative
        && response.Authorities.Any(r => r.Type == DnsRecordType.NS)
        && !response.Authorities.Any(r => r.Type == DnsRecordType.SOA);

    /// <summary>
    /// Caches an answer for the shortest TTL in its answer section and, for a negative answer, the
    /// SOA's negative TTL (the smaller of its TTL and MINIMUM, RFC 2308 §5). A negative answer
    /// without an SOA is not cached (RFC 2308 §5), nor is anything with a TTL of zero.
    /// </summary>
    private void Remember(DnsCache.Key key, DnsExchange exchange)
    {
        if (_cache is null || exchange.Message is not { } message)
        {
            return;
        }

        TimeSpan? lifetime = null;
        if (message.Answers.Count > 0)
        {
            var seconds = message.Answers.Min(r => r.TimeToLive);
            lifetime = Min(TimeSpan.FromSeconds(seconds), _options.MaxCacheTtl);
        }

        var soa = message.Authorities.OfType<SoaRecord>().FirstOrDefault();
        if (soa is not null && exchange.Outcome is DnsOutcome.NoData or DnsOutcome.NxDomain or DnsOutcome.Success)
        {
            var negative = Min(TimeSpan.FromSeconds(Math.Min(soa.TimeToLive, soa.Minimum)), _options.MaxNegativeCacheTtl);
            lifetime = lifetime is null ? negative : Min(lifetime.Value, negative);
        }

        if (lifetime is { } ttl && ttl > TimeSpan.Zero)
        {
            _cache.Store(key, exchange, _timeProvider.GetUtcNow() + ttl);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
