using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TldOps.Core.Membership;
using TldOps.Core.Membership.Accounts;

namespace TldOps.Server.Web.Security;

/// <summary>
/// Authenticates a request by its session cookie against the server-side session table (so a
/// revoked session is dead at once), and answers on behalf of pages: someone not logged in is
/// sent to the login page; someone half-way through a login is sent to their next step;
/// someone logged in without the right role gets the 403 page.
/// </summary>
internal sealed class SessionAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    SessionStore sessions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "tldops-session";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = Request.Cookies[PortalCookies.SessionName(Request)];
        if (string.IsNullOrEmpty(secret))
        {
            return AuthenticateResult.NoResult();
        }

        var session = await sessions.ResolveAsync(secret, Context.RequestAborted);
        if (session is null)
        {
            return AuthenticateResult.NoResult();
        }

        Context.Features.Set(new SignedIn(session, secret));
        var account = session.Account;
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, account.PublicId),
            new(ClaimTypes.Role, account.Role.Role.ToCode()),
            new(PortalPolicies.StageClaim, SessionStore.ToCode(session.Stage)),
        };
        var identity = new ClaimsIdentity(claims, SchemeName, ClaimTypes.NameIdentifier, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Redirect(PortalLanguage.PageUrl(Language, "/login") + "?return=" + Uri.EscapeDataString(ReturnPath()));
        return Task.CompletedTask;
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var next = SignedIn.Of(Context)?.Session.Stage switch
        {
            SessionStage.SecondFactor => "/login/code",
            SessionStage.Enrolment => "/account/totp",
            _ => null,
        };
        if (next is not null && PortalLanguage.WithoutLanguage(Request.Path.Value ?? "/") != next)
        {
            Response.Redirect(PortalLanguage.PageUrl(Language, next));
        }
        else
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
        }

        return Task.CompletedTask;
    }

    private string Language => PortalLanguage.Current(Context);

    // Only the path: query strings may hold tokens, and they have no business in a cookie.
    private string ReturnPath() => LanguageSwitch.SafeReturnPath(Request.Path.Value);
}
