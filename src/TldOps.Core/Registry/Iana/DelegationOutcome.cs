namespace TldOps.Core.Registry.Iana;

/// <summary>The result of applying one answer: what happened, the fields that changed, and whether the admin contact is someone else now.</summary>
public sealed record DelegationOutcome(string Tld, DelegationOutcomeKind Kind, IReadOnlyList<FieldChange> Changes, bool AdminContactChanged);
