namespace TldOps.Core.Membership.Accounts;

/// <summary>
/// A TOTP secret awaiting its first code: <see cref="KeyUri"/> is what the QR code carries,
/// <see cref="SecretText"/> the same secret for typing by hand (base 32 in groups of four).
/// </summary>
public sealed record TotpEnrolment(string SecretText, string KeyUri);
