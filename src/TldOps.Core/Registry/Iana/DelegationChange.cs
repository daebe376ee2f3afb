namespace TldOps.Core.Registry.Iana;

/// <summary>A stored field change: which import changed which field of which TLD, from what to what.</summary>
public sealed record DelegationChange(long Id, long ImportId, string Tld, string Field, string? OldValue, string? NewValue);
