using TldOps.Dns;

namespace TldOps.Core.Lists.Dmarc;

/// <summary>
/// Reads <c>_dmarc.DOMAIN</c> TXT records (RFC 7489 §6.6.3): the domain's own record, else the
/// one of each parent down to two labels (our stand-in for the organisational domain, see
/// <see cref="Dkim.DkimAlignment"/>). For a subdomain the parent's <c>sp=</c> applies when present.
/// </summary>
public sealed class DnsDmarcPolicySource(DnsResolver resolver) : IDmarcPolicySource
{
    public async Task<DmarcPolicy> LookupAsync(string domain, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(domain);
        var labels = domain.TrimEnd('.').ToLowerInvariant().Split('.');
        for (var skip = 0; labels.Length - skip >= 2; skip++)
        {
            var name = "_dmarc." + string.Join('.', labels.Skip(skip));
            var result = await resolver.LookupTxtAsync(name, cancellationToken).ConfigureAwait(false);
            if (result.Outcome is not (DnsOutcome.Success or DnsOutcome.NxDomain or DnsOutcome.NoData))
            {
                return DmarcPolicy.Unknown;
            }

            var record = result.Records.Select(r => r.JoinText()).FirstOrDefault(t => t.TrimStart().StartsWith("v=DMARC1", StringComparison.OrdinalIgnoreCase));
            if (record is not null)
            {
                return Parse(record, subdomain: skip > 0);
            }
        }

        return DmarcPolicy.Absent;
    }

    /// <summary>The policy of one record; <paramref name="subdomain"/> prefers sp= (RFC 7489 §6.3).</summary>
    public static DmarcPolicy Parse(string record, bool subdomain)
    {
        ArgumentNullException.ThrowIfNull(record);
        string? p = null, sp = null;
        foreach (var tag in record.Split(';'))
        {
            var eq = tag.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }

            var name = tag[..eq].Trim().ToLowerInvariant();
            var value = tag[(eq + 1)..].Trim().ToLowerInvariant();
            if (name == "p")
            {
                p = value;
            }
            else if (name == "sp")
            {
                sp = value;
            }
        }

        return (subdomain ? sp ?? p : p) switch
        {
            "reject" => DmarcPolicy.Reject,
            "quarantine" => DmarcPolicy.Quarantine,
            "none" => DmarcPolicy.None,
            // RFC 7489 §6.6.3: a record with a bad p= is ignored unless rua= is valid; treat as none.
            _ => DmarcPolicy.None,
        };
    }
}
