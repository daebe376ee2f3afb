namespace TldOps.Core.Membership.Authority;

/// <summary>A ccTLD's IANA administrative contact as the last import recorded it, with the language to write to it in.</summary>
/// <param name="CcTld">The ccTLD's ASCII code.</param>
/// <param name="Email">The admin-contact address (lower-case domain).</param>
/// <param name="Name">The contact's name in the IANA record ("TLD Admin Contact"…), if any.</param>
/// <param name="Organisation">The contact's organisation, if any.</param>
/// <param name="Language">The language mails to it are written in (see <see cref="CountryLanguages"/>).</param>
public sealed record AdminContact(string CcTld, string Email, string? Name, string? Organisation, string Language);
