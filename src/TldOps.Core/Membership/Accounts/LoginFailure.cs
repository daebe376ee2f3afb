namespace TldOps.Core.Membership.Accounts;

/// <summary>Why a login step did not go through, for the page to explain.</summary>
public enum LoginFailure
{
    /// <summary>The link is not one of ours, expired, or already used.</summary>
    LinkNotValid,

    /// <summary>The link is good but was opened in another browser than the one that asked for it.</summary>
    OtherBrowser,

    /// <summary>The person is no longer an active member.</summary>
    NotActive,

    /// <summary>The TOTP or recovery code was wrong or already used.</summary>
    WrongCode,

    /// <summary>The login waited too long at a step, or the session ended.</summary>
    SessionEnded,
}
