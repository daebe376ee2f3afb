namespace TldOps.Core.Lists.Dmarc;

/// <summary>The narrow door to the DMARC records of authors' domains (DNS in production).</summary>
public interface IDmarcPolicySource
{
    /// <summary>The policy <paramref name="domain"/> (or its organisational domain) publishes.</summary>
    Task<DmarcPolicy> LookupAsync(string domain, CancellationToken cancellationToken = default);
}
