namespace TldOps.Core.Membership;

/// <summary>
/// The outcome of an import: all or nothing. Either every entry was valid, <see cref="Accepted"/>
/// holds them all and (unless it was a dry run) <see cref="Added"/> the stored people; or
/// <see cref="Errors"/> lists each bad entry and nothing was written.
/// </summary>
/// <param name="Format">The roster format read ("csv"), or null when none applied.</param>
/// <param name="Entries">How many entries the file held.</param>
/// <param name="Accepted">The valid entries, ready to store (empty when there are errors).</param>
/// <param name="Added">The people stored (empty for a dry run or when there are errors).</param>
/// <param name="Errors">What was wrong, in line order.</param>
public sealed record MemberImportReport(
    string? Format,
    int Entries,
    IReadOnlyList<NewMember> Accepted,
    IReadOnlyList<Member> Added,
    IReadOnlyList<MemberImportError> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    public bool Committed => Added.Count > 0;
}
