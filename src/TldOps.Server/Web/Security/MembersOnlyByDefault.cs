using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace TldOps.Server.Web.Security;

/// <summary>
/// Makes every page members-only unless its model says otherwise ([AllowAnonymous], or its own
/// [Authorize] policy): personal data is for members, and a page someone forgets to mark stays
/// closed. (A fallback policy would also catch addresses that match no page, sending visitors
/// of a mistyped URL to the login page instead of the 404.)
/// </summary>
internal sealed class MembersOnlyByDefault : IPageApplicationModelConvention
{
    public void Apply(PageApplicationModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var declared = model.HandlerTypeAttributes.Any(a => a is IAuthorizeData or IAllowAnonymous)
            || model.EndpointMetadata.Any(m => m is IAuthorizeData or IAllowAnonymous);
        if (!declared)
        {
            model.EndpointMetadata.Add(new AuthorizeAttribute(PortalPolicies.Member));
        }
    }
}
