namespace TldOps.Core.Membership;

/// <summary>What a roster format read from a file: the entries, and what it could not read.</summary>
public sealed record RosterReadResult(IReadOnlyList<RosterEntry> Entries, IReadOnlyList<MemberImportError> Errors);
