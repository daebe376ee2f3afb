namespace TldOps.Core.Registry.Iana;

/// <summary>Progress of a long import: <paramref name="Done"/> of <paramref name="Total"/> items, the current one, and the phase ("reading", "storing", "querying").</summary>
public readonly record struct IanaImportProgress(int Done, int Total, string Current, string Phase);
