namespace TldOps.Mail.Reports;

/// <summary>The Action of a per-recipient DSN block (RFC 3464 §2.3.3).</summary>
public enum DeliveryAction
{
    /// <summary>Absent or not one of the defined values.</summary>
    Unknown,

    /// <summary>The message could not be delivered and will not be retried.</summary>
    Failed,

    /// <summary>Delivery is still being attempted.</summary>
    Delayed,

    /// <summary>Delivered to the recipient's mailbox.</summary>
    Delivered,

    /// <summary>Handed to a system that sends no DSNs.</summary>
    Relayed,

    /// <summary>Delivered to a list or alias that expanded to other recipients.</summary>
    Expanded,
}
