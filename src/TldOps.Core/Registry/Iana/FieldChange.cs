namespace TldOps.Core.Registry.Iana;

/// <summary>One field of a delegation that an import changed; null means absent before (or after).</summary>
public sealed record FieldChange(string Field, string? OldValue, string? NewValue);
