namespace TldOps.Core.Membership.Accounts;

/// <summary>The result of a login step: a new session (to put in the cookie), or why not.</summary>
public sealed record LoginOutcome(IssuedSession? Session, LoginFailure? Failure)
{
    public bool Succeeded => Session is not null;

    public static LoginOutcome Fail(LoginFailure failure) => new(null, failure);

    public static LoginOutcome Ok(IssuedSession session) => new(session, null);
}
