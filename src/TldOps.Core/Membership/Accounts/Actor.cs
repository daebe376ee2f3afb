namespace TldOps.Core.Membership.Accounts;

/// <summary>
/// Who asks for a change and on what authority, as the audit log records it: a logged-in person
/// ("member:k7m2q9xw4t" on "session:…"), the operator at the command line ("operator" on "cli"),
/// or a signed link ("enrolment-link" on "link:TOKENID").
/// </summary>
/// <param name="Id">The audit actor.</param>
/// <param name="Authority">The audit authority.</param>
/// <param name="Role">The actor's role when the actor is a person; null for the operator and links.</param>
public sealed record Actor(string Id, string Authority, MemberRole? Role)
{
    /// <summary>The operator running <c>tldops</c> on the server: trusted with everything.</summary>
    public static Actor Operator { get; } = new("operator", "cli", null);

    public static Actor Of(Account account, string sessionReference)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new Actor(account.Reference, "session:" + sessionReference, account.Role.Role);
    }

    /// <summary>Only the committee (and the operator) may change roles; the secretariat may not.</summary>
    public bool MayChangeRoles => Role is null ? Id == Operator.Id : Role == MemberRole.Committee;
}
