namespace TldOps.Core.Lists;

/// <summary>
/// The list's addresses, all derived from its name and domain as in Mailman: the posting address
/// <c>NAME@DOMAIN</c>, <c>NAME-request@</c>, <c>NAME-owner@</c>, <c>NAME-bounces@</c> and the
/// VERP return paths <c>NAME-bounces+TOKEN@</c> (RFC 5233 subaddress syntax), plus the RFC 2919
/// list identifier <c>NAME.DOMAIN</c>. Local parts compare case-insensitively (RFC 5321 lets a
/// host decide, and people type list names in any case); the VERP token is kept as written.
/// </summary>
public sealed class ListAddresses
{
    public ListAddresses(string name, string domain)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(domain);
        Name = name;
        Domain = domain.ToLowerInvariant();
    }

    public string Name { get; }

    public string Domain { get; }

    public string Posting => $"{Name}@{Domain}";

    public string Request => $"{Name}-request@{Domain}";

    public string Owner => $"{Name}-owner@{Domain}";

    public string Bounces => $"{Name}-bounces@{Domain}";

    /// <summary>The RFC 2919 list identifier (no angle brackets): <c>tld-ops.example.org</c>.</summary>
    public string ListId => $"{Name}.{Domain}";

    /// <summary>The VERP return path carrying <paramref name="token"/> (see <see cref="Delivery.VerpToken"/>).</summary>
    public string Verp(string token) => $"{Name}-bounces+{token}@{Domain}";

    /// <summary>The SQL-side pieces of <see cref="Verp"/>: prefix and suffix around the token.</summary>
    public (string Prefix, string Suffix) VerpParts => ($"{Name}-bounces+", $"@{Domain}");

    /// <summary>
    /// Says which of our addresses <paramref name="address"/> is; for a VERP address
    /// <paramref name="verpToken"/> gets the token. <c>postmaster@DOMAIN</c> counts as the owner
    /// (RFC 5321 §4.5.1 requires that address to work).
    /// </summary>
    public ListAddressKind Classify(string? address, out string? verpToken)
    {
        verpToken = null;
        if (string.IsNullOrEmpty(address))
        {
            return ListAddressKind.None;
        }

        var at = address.LastIndexOf('@');
        if (at <= 0 || !string.Equals(address[(at + 1)..], Domain, StringComparison.OrdinalIgnoreCase))
        {
            return ListAddressKind.None;
        }

        var local = address[..at];
        if (Is(local, Name))
        {
            return ListAddressKind.Posting;
        }

        if (Is(local, Name + "-request"))
        {
            return ListAddressKind.Request;
        }

        if (Is(local, Name + "-owner") || Is(local, "postmaster"))
        {
            return ListAddressKind.Owner;
        }

        if (Is(local, Name + "-bounces"))
        {
            return ListAddressKind.Bounces;
        }

        var prefix = Name + "-bounces+";
        if (local.Length > prefix.Length && local.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            verpToken = local[prefix.Length..];
            return ListAddressKind.Bounces;
        }

        return ListAddressKind.None;
    }

    private static bool Is(string local, string expected) => string.Equals(local, expected, StringComparison.OrdinalIgnoreCase);
}
