namespace TldOps.Core.Registry.Iana;

/// <summary>A TLD's delegation as stored by the last import that changed it.</summary>
/// <param name="Delegation">The record.</param>
/// <param name="Delegated">False once a source answered that the TLD does not exist (the record is the last one seen).</param>
/// <param name="ImportId">The import that last wrote it.</param>
/// <param name="UpdatedAt">When that import wrote it.</param>
public sealed record StoredDelegation(Delegation Delegation, bool Delegated, long ImportId, DateTimeOffset UpdatedAt);
