namespace TldOps.Core.Membership.Reconfirmation;

/// <summary>A ccTLD in (or after) reconfirmation, for the committee's page.</summary>
public sealed record ReconfirmationStatus(
    string CcTld,
    string CcTldDisplay,
    string State,
    string? AdminEmail,
    DateTimeOffset? Since,
    DateTimeOffset? Deadline,
    int Pending,
    int Confirmed);
