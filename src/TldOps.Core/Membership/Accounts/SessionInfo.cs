namespace TldOps.Core.Membership.Accounts;

/// <summary>A live session and the person it belongs to.</summary>
/// <param name="Reference">A short, non-secret reference to the session (audit authority, the sessions list).</param>
/// <param name="Stage">How far the login has come.</param>
/// <param name="Account">The person, as of this request.</param>
/// <param name="CreatedAt">When the session began.</param>
/// <param name="LastSeenAt">When it was last used (to the touch interval).</param>
/// <param name="ExpiresAt">Its absolute end.</param>
/// <param name="UserAgent">The browser that opened it, as it named itself (shown to its owner only).</param>
public sealed record SessionInfo(
    string Reference,
    SessionStage Stage,
    Account Account,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastSeenAt,
    DateTimeOffset ExpiresAt,
    string? UserAgent);
