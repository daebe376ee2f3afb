namespace TldOps.Core.Membership.Accounts;

/// <summary>Where a member stands with TOTP.</summary>
/// <param name="Enabled">A confirmed secret: logins ask for a code.</param>
/// <param name="Pending">A secret was generated and awaits its first code.</param>
/// <param name="RecoveryCodesLeft">Unused recovery codes.</param>
public sealed record TotpState(bool Enabled, bool Pending, int RecoveryCodesLeft);
