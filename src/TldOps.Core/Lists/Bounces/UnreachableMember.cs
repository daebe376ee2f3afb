namespace TldOps.Core.Lists.Bounces;

/// <summary>A member whose mail bounces.</summary>
public sealed class UnreachableMember
{
    public long MemberId { get; init; }

    /// <summary>Since when (the first counted bounce of the current run).</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>True when the list stopped delivering to the member.</summary>
    public bool DeliveryDisabled { get; init; }

    /// <summary>The last diagnostic ("5.1.1 user unknown").</summary>
    public string? Reason { get; init; }

    public double Score { get; init; }

    /// <summary>When the row last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }
}
