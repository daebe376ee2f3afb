namespace TldOps.Core.Membership;

/// <summary>
/// A person on the list, as stored. Personal data (name, email, phones) is for members only;
/// the public sees counts, never people.
/// </summary>
/// <param name="Id">The database key; never shown.</param>
/// <param name="PublicId">A short random id (≤ 12 lower-case letters and digits) used where the person must be named without their address: VERP return paths, links.</param>
/// <param name="CcTld">The ccTLD's ASCII code ("fr", "xn--p1ai"); null for liaisons and secretariat.</param>
/// <param name="Name">The name as the person writes it.</param>
/// <param name="Email">The address, domain in lower case (see <see cref="EmailSyntax"/>).</param>
/// <param name="OfficePhone">The office number in E.164 form, if known.</param>
/// <param name="MobilePhone">The mobile number in E.164 form (reachable by SMS and voice), if known.</param>
/// <param name="Role">What the person is on the list as.</param>
/// <param name="Language">The language for mails to this person (en fr es ru zh ar).</param>
/// <param name="Status">Active, suspended or removed.</param>
/// <param name="CreatedAt">When the row was added.</param>
/// <param name="UpdatedAt">When the row last changed.</param>
/// <param name="VerifiedAt">When the person last confirmed their details (null: never).</param>
public sealed record Member(
    long Id,
    string PublicId,
    string? CcTld,
    string Name,
    string Email,
    PhoneNumber? OfficePhone,
    PhoneNumber? MobilePhone,
    MemberRole Role,
    string Language,
    MemberStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? VerifiedAt);
