namespace TldOps.Core.Membership.Accounts;

/// <summary>How far a login has come.</summary>
public enum SessionStage
{
    /// <summary>The magic link worked; the person must now give a TOTP or recovery code.</summary>
    SecondFactor,

    /// <summary>The magic link worked for someone whose role requires TOTP and who has none: enrolment comes first.</summary>
    Enrolment,

    /// <summary>Logged in.</summary>
    Complete,
}
