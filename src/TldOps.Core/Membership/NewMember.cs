using TldOps.Core.Common;

namespace TldOps.Core.Membership;

/// <summary>
/// A person to add, already validated: <paramref name="Email"/> normalised by
/// <see cref="EmailSyntax"/>, <paramref name="CcTld"/> a delegated ccTLD's ASCII code (or null
/// for the roles without one). The store adds the public id and the timestamps.
/// </summary>
public sealed record NewMember(
    string? CcTld,
    string Name,
    string Email,
    PhoneNumber? OfficePhone,
    PhoneNumber? MobilePhone,
    MemberRole Role = MemberRole.Member,
    string Language = Language.English);
