namespace TldOps.Mail.Dkim;

/// <summary>
/// Finds DKIM key records: the TXT records at <c>selector._domainkey.domain</c>. Production
/// implements it with the DNS client; tests and static setups use <see cref="DkimKeyTable"/>.
/// </summary>
public interface IDkimKeyLocator
{
    /// <summary>Looks up the key records of a selector.</summary>
    /// <param name="domain">The signing domain (d=), as written in the signature.</param>
    /// <param name="selector">The selector (s=).</param>
    /// <param name="cancellationToken">Stops the lookup.</param>
    /// <returns>The records, or why there are none.</returns>
    Task<DkimKeyLookup> LocateAsync(string domain, string selector, CancellationToken cancellationToken = default);
}
