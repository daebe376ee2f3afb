namespace TldOps.Core.Membership.Reconfirmation;

/// <summary>What the new admin contact's review page shows: the contacts waiting for confirmation, and the deadline.</summary>
public sealed record ReconfirmationPage(string CcTld, string CcTldDisplay, string AdminEmail, DateTimeOffset Deadline, IReadOnlyList<Member> Pending, IReadOnlyList<Member> Confirmed);
