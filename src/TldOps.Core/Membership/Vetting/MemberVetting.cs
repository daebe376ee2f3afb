namespace TldOps.Core.Membership.Vetting;

/// <summary>What vetting keeps about a member beyond the member row (a missing row reads as all defaults).</summary>
public sealed class MemberVetting
{
    public long MemberId { get; init; }

    /// <summary>Role or title in the ccTLD's team.</summary>
    public string? Title { get; init; }

    /// <summary>ASCII-armoured OpenPGP public key.</summary>
    public string? OpenPgpKey { get; init; }

    /// <summary>Upper-case hex fingerprint of <see cref="OpenPgpKey"/>.</summary>
    public string? KeyFingerprint { get; init; }

    /// <summary>When the pending confirmation request went out (null: none pending).</summary>
    public DateTimeOffset? ReverifySentAt { get; init; }

    public int ReverifyReminders { get; init; }

    /// <summary>Flagged unverified since (the confirmation is overdue).</summary>
    public DateTimeOffset? UnverifiedSince { get; init; }

    /// <summary>Waiting for a new admin contact to confirm this member.</summary>
    public bool ReconfirmPending { get; init; }

    /// <summary>When the admin contact was told about the bounces.</summary>
    public DateTimeOffset? BounceNotifiedAt { get; init; }
}
