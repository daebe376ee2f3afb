namespace TldOps.Core.Membership.Vetting;

/// <summary>
/// Which members cannot be reached by mail, as the list engine's bounce processing judges it
/// (bounce score over its threshold, or delivery disabled). Vetting flags them in the contact
/// repository and tells their admin contact. The list engine implements this over its own table
/// (<c>TldOps.Core.Lists.Bounces.DeliveryHealth</c>, over <c>list_member_delivery</c>).
/// </summary>
public interface IDeliveryHealth
{
    /// <summary>The members whose mail currently does not get through.</summary>
    Task<IReadOnlyList<UndeliverableMember>> ListUndeliverableAsync(CancellationToken cancellationToken = default);
}

/// <summary>A member whose mail bounces.</summary>
/// <param name="MemberId">The member's database id.</param>
/// <param name="Since">Since when.</param>
/// <param name="DeliveryDisabled">True when the list engine stopped delivering to it.</param>
/// <param name="Reason">The last diagnostic, if known ("550 5.1.1 user unknown").</param>
public sealed record UndeliverableMember(long MemberId, DateTimeOffset Since, bool DeliveryDisabled, string? Reason = null);
