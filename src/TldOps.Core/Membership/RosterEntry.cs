namespace TldOps.Core.Membership;

/// <summary>
/// One person as a roster file gives them, before validation: the raw texts and the line the
/// entry starts on (1-based) so that the report can point at it.
/// </summary>
public sealed record RosterEntry(int Line, string CcTld, string Name, string Email, string? OfficePhone, string? MobilePhone);
