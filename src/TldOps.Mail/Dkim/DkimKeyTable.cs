namespace TldOps.Mail.Dkim;

/// <summary>An <see cref="IDkimKeyLocator"/> over a fixed table of records (tests, static configuration).</summary>
public sealed class DkimKeyTable : IDkimKeyLocator
{
    private readonly Dictionary<string, string[]> _records = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Adds (or replaces) the records of <c>selector._domainkey.domain</c>.</summary>
    /// <param name="domain">The domain.</param>
    /// <param name="selector">The selector.</param>
    /// <param name="records">The TXT record texts.</param>
    /// <returns>This table.</returns>
    public DkimKeyTable Add(string domain, string selector, params string[] records)
    {
        ArgumentException.ThrowIfNullOrEmpty(domain);
        ArgumentException.ThrowIfNullOrEmpty(selector);
        _records[Key(domain, selector)] = records;
        return this;
    }

    /// <inheritdoc/>
    public Task<DkimKeyLookup> LocateAsync(string domain, string selector, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_records.TryGetValue(Key(domain, selector), out var records)
            ? DkimKeyLookup.Found(records)
            : DkimKeyLookup.NotFound);
    }

    private static string Key(string domain, string selector) => $"{selector}._domainkey.{domain.TrimEnd('.')}";
}
