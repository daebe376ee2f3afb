using Microsoft.AspNetCore.Mvc;
using TldOps.Core.Lists.Archive;

namespace TldOps.Server.Web.Pages.Archive;

/// <summary>
/// A conversation of the archive, its messages in the order they arrived. Each message is shown
/// as its plain text, HTML-encoded like everything else on the page: the archive keeps a text
/// version of an HTML-only post (tags removed), and a sender's HTML is never put in the page.
/// </summary>
internal sealed class ThreadModel(ArchiveService archive) : PortalPageModel
{
    public override string PagePath => "/archive/thread/" + (RouteData.Values["id"] as string ?? string.Empty);

    public ArchiveThreadView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        var view = await archive.ThreadAsync(id, cancellationToken);
        if (view is null)
        {
            return NotFound();
        }

        View = view;
        return Page();
    }
}
