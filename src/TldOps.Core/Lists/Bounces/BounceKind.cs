namespace TldOps.Core.Lists.Bounces;

/// <summary>What a bounce says about the member's address.</summary>
public enum BounceKind
{
    /// <summary>A permanent failure (5.x.x other than policy): the address does not work. Counts.</summary>
    Hard,

    /// <summary>A temporary failure reported as final (4.x.x after the sender gave up). Counts less.</summary>
    Soft,

    /// <summary>A delay report (Action: delayed): the mail is still on its way. Never counts.</summary>
    Delayed,

    /// <summary>
    /// A policy or security rejection (X.7.X, RFC 3463): the receiver refused this message (its
    /// content, our reputation, DMARC), not the address. Never counts: it is the list's problem.
    /// </summary>
    Policy,

    /// <summary>Mail to a VERP address that is not a delivery status notification. Counts as soft.</summary>
    Unrecognised,
}
