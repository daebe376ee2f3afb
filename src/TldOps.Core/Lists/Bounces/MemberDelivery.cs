namespace TldOps.Core.Lists.Bounces;

/// <summary>A row of <c>list_member_delivery</c>: one member's delivery health.</summary>
public sealed class MemberDelivery
{
    public long MemberId { get; init; }

    public double BounceScore { get; init; }

    public DateTimeOffset? FirstBounceAt { get; init; }

    public DateTimeOffset? LastBounceAt { get; init; }

    /// <summary>UTC date (yyyy-MM-dd) a bounce last raised the score.</summary>
    public string? LastCountedOn { get; init; }

    public string? LastDiagnostic { get; init; }

    public bool Disabled { get; init; }

    public DateTimeOffset? DisabledAt { get; init; }

    public string? DisabledReason { get; init; }
}
