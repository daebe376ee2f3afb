using System.Net;
using TldOps.Dns.Records;
using TldOps.Dns.Wire;

namespace TldOps.Dns;

/// <summary>The lookups mail delivery and authentication need: MX, addresses, TXT.</summary>
public sealed partial class DnsResolver
{
    /// <summary>
    /// Finds the hosts that accept mail for a domain (RFC 5321 §5.1): its MX records ordered by
    /// preference, random among equal preferences; with no MX, the domain itself as an implicit
    /// exchange of preference 0 when it has an address; with a null MX (RFC 7505), no hosts and
    /// <see cref="DnsMxResult.AcceptsNoMail"/>.
    /// </summary>
    /// <param name="domain">The domain after the "@", Unicode allowed.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <exception cref="ArgumentException"><paramref name="domain"/> is not a valid domain name.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<DnsMxResult> LookupMxAsync(string domain, CancellationToken cancellationToken = default)
    {
        var mx = await QueryAsync(domain, DnsRecordType.MX, cancellationToken);
        switch (mx.Outcome)
        {
            case DnsOutcome.Success:
                var records = mx.RecordsOf<MxRecord>().ToList();

                // RFC 7505 §3 forbids mixing a null MX with others; if a zone does, the real hosts still work.
                var usable = records.Where(r => !r.IsNullMx).ToList();
                return usable.Count == 0
                    ? new DnsMxResult(DnsOutcome.Success, mx.Name, [], acceptsNoMail: true)
                    : new DnsMxResult(DnsOutcome.Success, mx.Name, OrderExchanges(usable), acceptsNoMail: false);

            case DnsOutcome.NoData:
                // RFC 5321 §5.1: no MX means the (canonical) domain is its own exchange, if it has an address.
                var host = await ResolveAddressesAsync(mx.CanonicalName, cancellationToken);
                return host.Outcome == DnsOutcome.Success
                    ? new DnsMxResult(DnsOutcome.Success, mx.Name, [new MailExchange(0, mx.CanonicalName, IsImplicit: true)], false)
                    : new DnsMxResult(host.Outcome, mx.Name, [], false);

            default:
                return new DnsMxResult(mx.Outcome, mx.Name, [], false);
        }
    }

    /// <summary>Looks up a host's A and AAAA records, in parallel, following CNAME chains.</summary>
    /// <param name="host">The host name, Unicode allowed.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <exception cref="ArgumentException"><paramref name="host"/> is not a valid domain name.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<DnsAddressResult> ResolveAddressesAsync(string host, CancellationToken cancellationToken = default)
    {
        var ascii = DnsName.ToAscii(host);
        var ipv4Lookup = QueryAsync(ascii, DnsRecordType.A, cancellationToken);
        var ipv6Lookup = QueryAsync(ascii, DnsRecordType.AAAA, cancellationToken);
        await Task.WhenAll(ipv4Lookup, ipv6Lookup);
        var ipv4 = await ipv4Lookup;
        var ipv6 = await ipv6Lookup;
        IReadOnlyList<IPAddress> ipv4Addresses = [.. ipv4.RecordsOf<ARecord>().Select(r => r.Address)];
        IReadOnlyList<IPAddress> ipv6Addresses = [.. ipv6.RecordsOf<AaaaRecord>().Select(r => r.Address)];
        var outcome = CombineAddressOutcomes(ipv4.Outcome, ipv6.Outcome, ipv4Addresses.Count + ipv6Addresses.Count > 0);
        return new DnsAddressResult(outcome, ascii, ipv4Addresses, ipv6Addresses, ipv4.Outcome, ipv6.Outcome);
    }

    /// <summary>
    /// Looks up the TXT records of a name, following CNAME chains: DKIM keys at
    /// <c>selector._domainkey.domain</c> (RFC 6376 §3.6.2), DMARC policies at <c>_dmarc.domain</c> (RFC 7489 §6.1).
    /// </summary>
    /// <param name="name">The name, Unicode allowed.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid domain name.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<DnsTxtResult> LookupTxtAsync(string name, CancellationToken cancellationToken = default)
    {
        var txt = await QueryAsync(name, DnsRecordType.TXT, cancellationToken);
        return new DnsTxtResult(txt.Outcome, txt.Name, [.. txt.RecordsOf<TxtRecord>()]);
    }

    /// <summary>
    /// Orders exchanges by preference, shuffling those of equal preference (RFC 5321 §5.1 asks for
    /// a random choice among them, to spread load). A host listed twice keeps its best preference.
    /// </summary>
    internal IReadOnlyList<MailExchange> OrderExchanges(IReadOnlyList<MxRecord> records)
    {
        var best = new Dictionary<string, MxRecord>(StringComparer.OrdinalIgnoreCase);
        foreach (var record in records)
        {
            var host = record.Exchange;
            if (!best.TryGetValue(host, out var seen) || record.Preference < seen.Preference)
            {
                best[host] = record;
            }
        }

        var ordered = new List<MailExchange>(best.Count);
        foreach (var group in best.Values.GroupBy(r => r.Preference).OrderBy(g => g.Key))
        {
            var hosts = group.Select(r => new MailExchange(r.Preference, r.Exchange)).ToArray();
            lock (_randomLock)
            {
                _random.Shuffle(hosts);
            }

            ordered.AddRange(hosts);
        }

        return ordered;
    }

    private static DnsOutcome CombineAddressOutcomes(DnsOutcome ipv4, DnsOutcome ipv6, bool anyAddress)
    {
        if (anyAddress)
        {
            return DnsOutcome.Success;
        }

        if (ipv4 == DnsOutcome.NxDomain || ipv6 == DnsOutcome.NxDomain)
        {
            return DnsOutcome.NxDomain;
        }

        if (ipv4 == DnsOutcome.NoData && ipv6 == DnsOutcome.NoData)
        {
            return DnsOutcome.NoData;
        }

        // One family failed and the other has nothing: the failure is what the caller must act on.
        return ipv4 is DnsOutcome.NoData or DnsOutcome.Success ? ipv6 : ipv4;
    }
}
