namespace TldOps.Core.Registry.Iana;

/// <summary>How many answers an import read and what became of them.</summary>
public sealed record IanaImportCounts(int Answers, int Added, int Changed, int Unchanged, int Removed, int NotFound, int Stale, int Errors);
