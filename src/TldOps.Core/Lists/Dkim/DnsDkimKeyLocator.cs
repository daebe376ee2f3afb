using TldOps.Dns;
using TldOps.Mail.Dkim;

namespace TldOps.Core.Lists.Dkim;

/// <summary>
/// Finds DKIM public keys in DNS (RFC 6376 §3.6.2): the TXT record at
/// <c>selector._domainkey.domain</c>, its strings joined. NXDOMAIN and NODATA mean there is no
/// key (a permanent failure); a timeout or SERVFAIL is a temporary error.
/// </summary>
public sealed class DnsDkimKeyLocator(DnsResolver resolver) : IDkimKeyLocator
{
    public async Task<DkimKeyLookup> LocateAsync(string domain, string selector, CancellationToken cancellationToken = default)
    {
        var result = await resolver.LookupTxtAsync($"{selector}._domainkey.{domain}", cancellationToken).ConfigureAwait(false);
        return result.Outcome switch
        {
            DnsOutcome.Success when result.Records.Count > 0 => DkimKeyLookup.Found(result.Records.Select(r => r.JoinText()).ToArray()),
            DnsOutcome.Success or DnsOutcome.NxDomain or DnsOutcome.NoData => DkimKeyLookup.NotFound,
            _ => DkimKeyLookup.TempError($"DNS {result.Outcome} for {selector}._domainkey.{domain}"),
        };
    }
}
