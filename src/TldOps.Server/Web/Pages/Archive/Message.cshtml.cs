using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using TldOps.Core.Lists.Archive;

namespace TldOps.Server.Web.Pages.Archive;

/// <summary>
/// The address of one archived message, as the list's copies carry it in Archived-At and as
/// <see cref="ArchiveService.UrlOf"/> writes it: it leads to the message in its thread.
/// </summary>
internal sealed class MessageModel(ArchiveService archive) : PortalPageModel
{
    public override string PagePath => "/archive/message/" + (RouteData.Values["id"] as string ?? string.Empty);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        var message = await archive.MessageAsync(id, cancellationToken);
        if (message is null)
        {
            return NotFound();
        }

        return Redirect(Link("/archive/thread/" + message.ThreadId.ToString(CultureInfo.InvariantCulture)) + "#message-" + id.ToString(CultureInfo.InvariantCulture));
    }
}
