namespace TldOps.Core.Membership;

/// <summary>
/// A file format that lists members (the CSV import; later, Mailman rosters). A format only
/// reads: <see cref="MemberImporter"/> validates the entries and stores them. Formats are
/// registered as services; the importer picks the first that recognises a file unless the
/// user names one.
/// </summary>
public interface IMemberRosterFormat
{
    /// <summary>The short name users pass to choose the format ("csv").</summary>
    string Name { get; }

    /// <summary>True when the file looks like this format, judged by its name and its first bytes.</summary>
    bool Recognises(string fileName, ReadOnlySpan<byte> head);

    /// <summary>Reads the whole file (already bounded by <see cref="MemberImportOptions.MaxFileBytes"/>).</summary>
    RosterReadResult Read(ReadOnlyMemory<byte> content, MemberImportOptions options);
}
