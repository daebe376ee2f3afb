namespace TldOps.Mail.Dkim;

/// <summary>What an <see cref="IDkimKeyLocator"/> found.</summary>
/// <param name="Status">Found, not found, or a temporary failure.</param>
/// <param name="Records">The TXT records (each one's strings already joined); empty unless found.</param>
/// <param name="Detail">A diagnostic for failures (the DNS error), or null.</param>
public sealed record DkimKeyLookup(DkimKeyLookupStatus Status, IReadOnlyList<string> Records, string? Detail = null)
{
    /// <summary>A successful lookup.</summary>
    /// <param name="records">The TXT records.</param>
    /// <returns>The result.</returns>
    public static DkimKeyLookup Found(params string[] records) => new(DkimKeyLookupStatus.Found, records);

    /// <summary>The name or record does not exist.</summary>
    public static DkimKeyLookup NotFound { get; } = new(DkimKeyLookupStatus.NotFound, []);

    /// <summary>A temporary failure.</summary>
    /// <param name="detail">What failed.</param>
    /// <returns>The result.</returns>
    public static DkimKeyLookup TempError(string detail) => new(DkimKeyLookupStatus.TempError, [], detail);
}
