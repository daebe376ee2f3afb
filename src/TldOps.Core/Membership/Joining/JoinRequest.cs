namespace TldOps.Core.Membership.Joining;

/// <summary>A stored request and where it stands.</summary>
public sealed record JoinRequest(
    long Id,
    string CcTld,
    JoinRequestKind Kind,
    JoinRequestState State,
    string Source,
    string? RequesterName,
    string RequesterEmail,
    string RequesterLanguage,
    IReadOnlyList<JoinContact> Contacts,
    string AdminEmail,
    string? AdminName,
    string AdminLanguage,
    string DecisionTokenId,
    int RemindersSent,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? DecidedAt,
    string? DecidedBy,
    string? Authority)
{
    /// <summary>The audit subject and token subject: "join:17".</summary>
    public string Subject => SubjectOf(Id);

    public static string SubjectOf(long id) => "join:" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
