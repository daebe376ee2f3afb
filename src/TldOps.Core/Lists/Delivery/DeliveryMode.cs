namespace TldOps.Core.Lists.Delivery;

/// <summary>How copies leave the system.</summary>
public enum DeliveryMode
{
    /// <summary>The smarthost when one is configured, else the outbox maildir.</summary>
    Auto,

    /// <summary>Into a maildir under DATA/outbox, for reading by hand (nothing leaves the machine).</summary>
    Outbox,

    /// <summary>To one relay (Postfix, a provider) over pooled, pipelined SMTP.</summary>
    Smarthost,

    /// <summary>Straight to each recipient domain's MX hosts.</summary>
    Mx,
}
