using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using TldOps.Core.Membership;
using TldOps.Core.Membership.Accounts;

namespace TldOps.Server.Web.Security;

/// <summary>
/// Who may see what. Every page without its own rule falls under <see cref="Member"/>
/// (<see cref="MembersOnlyByDefault"/>), so a new page is members-only until someone marks it public:
/// personal data is for members. Other endpoints say AllowAnonymous or RequireAuthorization
/// themselves; a test fails on any endpoint that says neither.
/// </summary>
internal static class PortalPolicies
{
    /// <summary>Logged in, all steps done: members, committee, liaisons, secretariat.</summary>
    public const string Member = "member";

    /// <summary>Committee and secretariat: moderation, join requests, the audit log.</summary>
    public const string Staff = "staff";

    /// <summary>The committee alone: changing roles.</summary>
    public const string Committee = "committee";

    /// <summary>A login that has passed the link and waits for its TOTP or recovery code.</summary>
    public const string SecondFactor = "second-factor";

    /// <summary>Logged in, or at the TOTP enrolment that committee and secretariat must pass first.</summary>
    public const string Enrolling = "enrolling";

    public const string StageClaim = "tldops:stage";

    public static void Configure(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var member = new AuthorizationPolicyBuilder(SessionAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .RequireClaim(StageClaim, SessionStore.ToCode(SessionStage.Complete))
            .Build();
        options.AddPolicy(Member, member);
        options.AddPolicy(Staff, new AuthorizationPolicyBuilder().Combine(member)
            .RequireRole(MemberRole.Committee.ToCode(), MemberRole.Secretariat.ToCode()).Build());
        options.AddPolicy(Committee, new AuthorizationPolicyBuilder().Combine(member)
            .RequireRole(MemberRole.Committee.ToCode()).Build());
        options.AddPolicy(SecondFactor, new AuthorizationPolicyBuilder(SessionAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser().RequireClaim(StageClaim, SessionStore.ToCode(SessionStage.SecondFactor)).Build());
        options.AddPolicy(Enrolling, new AuthorizationPolicyBuilder(SessionAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser().RequireClaim(StageClaim, SessionStore.ToCode(SessionStage.Enrolment), SessionStore.ToCode(SessionStage.Complete)).Build());
        options.DefaultPolicy = member;
    }
}
