namespace TldOps.Core.Registry.Iana;

/// <summary>One answer an import could not use: where it came from (a file, or a source and TLD), the line if known, and why.</summary>
public sealed record IanaImportError(string Origin, int? Line, string Message)
{
    /// <summary>"path/DE:12: the administrative contact block has no 'name:' line".</summary>
    public override string ToString() => Line is { } line ? $"{Origin}:{line}: {Message}" : $"{Origin}: {Message}";
}
