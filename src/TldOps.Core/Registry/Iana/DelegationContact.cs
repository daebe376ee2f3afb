namespace TldOps.Core.Registry.Iana;

/// <summary>
/// A contact of a delegation as IANA publishes it. Empty values are null; <see cref="Address"/>
/// holds the postal address one line per element, as the current whois layout prints it.
/// </summary>
public sealed record DelegationContact(
    ContactRole Role,
    string? Name,
    string? Organisation,
    IReadOnlyList<string> Address,
    string? Phone,
    string? Fax,
    string? Email)
{
    /// <summary>
    /// True when <paramref name="other"/> is another person or mailbox: a different name, organisation
    /// or e-mail address (e-mail compared without case, names with runs of spaces folded). A new
    /// phone, fax or address alone is the same contact.
    /// </summary>
    public bool IsDifferentPersonFrom(DelegationContact? other)
    {
        if (other is null)
        {
            return true;
        }

        return !string.Equals(Fold(Name), Fold(other.Name), StringComparison.Ordinal)
            || !string.Equals(Fold(Organisation), Fold(other.Organisation), StringComparison.Ordinal)
            || !string.Equals(Email, other.Email, StringComparison.OrdinalIgnoreCase);
    }

    private static string? Fold(string? value) =>
        value is null ? null : string.Join(' ', value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
