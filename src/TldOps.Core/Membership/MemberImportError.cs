using System.Globalization;

namespace TldOps.Core.Membership;

/// <summary>
/// One thing wrong with a roster: the line (1-based; 0 for the file as a whole), the field
/// as the file names it (null when the whole line or file is at fault), and the reason in plain words.
/// </summary>
public sealed record MemberImportError(int Line, string? Field, string Reason)
{
    public override string ToString()
    {
        var where = Line > 0 ? string.Create(CultureInfo.InvariantCulture, $"line {Line}") : "file";
        return Field is null ? $"{where}: {Reason}" : $"{where}: {Field}: {Reason}";
    }
}
