namespace TldOps.Core.Lists.Delivery;

/// <summary>What became of one copy at the transport.</summary>
public abstract record DeliveryResult(string Detail)
{
    /// <summary>The next hop took responsibility (250); <see cref="Detail"/> is its reply.</summary>
    public sealed record Delivered(string Reply) : DeliveryResult(Reply);

    /// <summary>Try again later (4xx, connection trouble, DNS timeouts).</summary>
    public sealed record Transient(string Reason) : DeliveryResult(Reason);

    /// <summary>Refused for good (5xx, no MX, a null MX); <see cref="Status"/> is the enhanced status when known.</summary>
    public sealed record Permanent(string Reason, string? Status = null) : DeliveryResult(Reason);
}
