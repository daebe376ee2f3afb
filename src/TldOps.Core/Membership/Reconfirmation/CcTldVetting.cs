namespace TldOps.Core.Membership.Reconfirmation;

/// <summary>A ccTLD's vetting state as stored (<c>cctld_vetting</c>).</summary>
public sealed class CcTldVetting
{
    public string CcTld { get; init; } = string.Empty;

    /// <summary>"normal" or "reconfirm".</summary>
    public string State { get; init; } = CcTldVettingStore.Normal;

    public string? AdminEmail { get; init; }

    public string? AdminName { get; init; }

    public string AdminLanguage { get; init; } = "en";

    /// <summary>The reconfirmation token's id: the reply tag.</summary>
    public string? TokenId { get; init; }

    public long? EventId { get; init; }

    public DateTimeOffset? Since { get; init; }

    public DateTimeOffset? Deadline { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}
