using Microsoft.AspNetCore.Http;
using TldOps.Core.Membership.Accounts;

namespace TldOps.Server.Web.Security;

/// <summary>
/// The session behind this request, put in the request's features by the authentication
/// handler, so that pages read the account without a second database query.
/// </summary>
internal sealed record SignedIn(SessionInfo Session, string Secret)
{
    public Account Account => Session.Account;

    /// <summary>The actor and authority that audit rows written for this request name.</summary>
    public Actor Actor => Actor.Of(Session.Account, Session.Reference);

    public static SignedIn? Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<SignedIn>();
    }
}
