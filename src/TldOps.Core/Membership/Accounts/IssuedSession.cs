namespace TldOps.Core.Membership.Accounts;

/// <summary>A new session: <see cref="Secret"/> goes into the cookie once and is never stored.</summary>
public sealed record IssuedSession(string Secret, SessionStage Stage, DateTimeOffset ExpiresAt);
