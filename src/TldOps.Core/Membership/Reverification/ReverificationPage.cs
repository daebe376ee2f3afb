using TldOps.Core.Membership.Vetting;

namespace TldOps.Core.Membership.Reverification;

/// <summary>What a member's confirmation page shows: their details as others see them, and until when the link works.</summary>
public sealed record ReverificationPage(Member Member, string? Role, string? KeyFingerprint, DateTimeOffset LinkExpiresAt);

/// <summary>Corrections a member makes while confirming; null fields stay as they are.</summary>
/// <param name="OfficePhone">New office number.</param>
/// <param name="MobilePhone">New mobile number.</param>
/// <param name="Language">New mail language.</param>
/// <param name="Role">New role or title.</param>
/// <param name="OpenPgpKey">A new ASCII-armoured public key.</param>
/// <param name="RemoveKey">True to drop the stored key.</param>
public sealed record ReverificationCorrections(
    string? OfficePhone = null,
    string? MobilePhone = null,
    string? Language = null,
    string? Role = null,
    string? OpenPgpKey = null,
    bool RemoveKey = false);

/// <summary>What one pass of <see cref="ReverificationService.RunAsync"/> did.</summary>
public sealed record ReverificationRun(int Requested, int Reminded, int Flagged, int Suspended, int BouncingFlagged, int BouncingCleared);
