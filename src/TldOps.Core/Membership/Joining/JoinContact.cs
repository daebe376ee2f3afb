namespace TldOps.Core.Membership.Joining;

/// <summary>
/// A validated contact of a request, as stored (JSON) until the admin contact decides: phones in
/// E.164, address normalised, key checked. For change and remove, <see cref="MemberId"/> names the
/// member concerned.
/// </summary>
public sealed record JoinContact(
    string Name,
    string Email,
    string? OfficePhone,
    string? MobilePhone,
    string? Role,
    string Language,
    string? OpenPgpKey,
    string? KeyFingerprint,
    long? MemberId = null);
