namespace TldOps.Core.Membership.Joining;

/// <summary>The committee's exception to the per-ccTLD cap.</summary>
public sealed class CapException
{
    public string CcTld { get; init; } = string.Empty;

    public int MaxContacts { get; init; }

    public string Reason { get; init; } = string.Empty;

    public string GrantedBy { get; init; } = string.Empty;

    public DateTimeOffset GrantedAt { get; init; }
}
