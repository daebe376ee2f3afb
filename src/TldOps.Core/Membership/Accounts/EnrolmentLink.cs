namespace TldOps.Core.Membership.Accounts;

/// <summary>The first committee enrolment link, as printed at start.</summary>
public sealed record EnrolmentLink(string Url, DateTimeOffset ExpiresAt);
