using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Net.Http.Headers;
using TldOps.Core.Membership.Accounts;
using TldOps.Server.Web.Security;

namespace TldOps.Server.Web.Pages;

/// <summary>
/// What every portal page gives its layout: the page's language, its direction, and its
/// language-neutral path (for the switcher and the alternate-language links).
/// </summary>
internal abstract class PortalPageModel : PageModel
{
    /// <summary>The page's path without a language: "/" or "/coverage".</summary>
    public abstract string PagePath { get; }

    /// <summary>The two-letter code of the page's language.</summary>
    public string Language => PortalLanguage.Current(HttpContext);

    public string Direction => Core.Common.Language.IsRightToLeft(Language) ? "rtl" : "ltr";

    /// <summary>The session of this request, at whatever step; null for a visitor.</summary>
    public SignedIn? Signed => SignedIn.Of(HttpContext);

    /// <summary>Logged in with every step done: a member (of any role).</summary>
    public bool IsMember => Signed?.Session.Stage == SessionStage.Complete;

    /// <summary>A member of the committee or the secretariat.</summary>
    public bool IsStaff => IsMember && Signed!.Account.Role.Role.IsStaff();

    /// <summary>A committee member (who alone may change roles).</summary>
    public bool IsCommittee => IsMember && Signed!.Account.Role.Role == Core.Membership.MemberRole.Committee;

    /// <summary>
    /// The URL a form posts to for a named handler of this page, in this page's language. (Route
    /// generation would pick the language-less route and put the language in the query string.)
    /// </summary>
    public string HandlerUrl(string handler) => Link(PagePath) + "?handler=" + Uri.EscapeDataString(handler);

    /// <summary>The URL of another page of the portal, in this page's language.</summary>
    public string Link(string pagePath) => PortalLanguage.PageUrl(Language, pagePath);

    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (PortalLanguage.FromPath(HttpContext.Request.Path) is null)
        {
            // Without a language in the address, the content depends on the cookie and Accept-Language.
            context.HttpContext.Response.Headers.Append(HeaderNames.Vary, "Accept-Language, Cookie");
        }
    }
}
