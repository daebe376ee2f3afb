namespace TldOps.Core.ContactDirectory;

/// <summary>One person in the contact repository.</summary>
/// <param name="PublicId">The member's public id (the vCard UID).</param>
/// <param name="Name">Full name.</param>
/// <param name="Role">Role or title in the ccTLD's team, if given.</param>
/// <param name="Email">Address on the list.</param>
/// <param name="OfficePhone">E.164 office number, if known.</param>
/// <param name="MobilePhone">E.164 mobile number, if known.</param>
/// <param name="KeyFingerprint">OpenPGP fingerprint (upper-case hex), if the member gave a key.</param>
/// <param name="VerifiedAt">When the details were last confirmed (by the member or the admin contact), if ever.</param>
/// <param name="Unverified">True when the member's confirmation is overdue.</param>
/// <param name="Bouncing">True when mail to the member bounces.</param>
public sealed record RepositoryContact(
    string PublicId,
    string Name,
    string? Role,
    string Email,
    string? OfficePhone,
    string? MobilePhone,
    string? KeyFingerprint,
    DateTimeOffset? VerifiedAt,
    bool Unverified,
    bool Bouncing);
