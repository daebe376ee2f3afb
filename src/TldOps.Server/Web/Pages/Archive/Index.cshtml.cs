using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using TldOps.Core.Lists.Archive;

namespace TldOps.Server.Web.Pages.Archive;

/// <summary>
/// The list's archive for members: conversations by latest activity, and a full-text search. A
/// search is posted, not put in the address: what members look for is often a person or a domain.
/// </summary>
internal sealed class IndexModel(ArchiveService archive) : PortalPageModel
{
    /// <summary>Threads per page: 50, a screenful to scan.</summary>
    public const int PageSize = 50;

    /// <summary>Search results shown: the best 50.</summary>
    public const int MaxHits = 50;

    public override string PagePath => "/archive";

    [BindProperty(Name = "q")]
    public string? Query { get; set; }

    public IReadOnlyList<ArchiveThread> Threads { get; private set; } = [];

    /// <summary>The search's results; null when nothing was searched.</summary>
    public IReadOnlyList<ArchiveSearchHit>? Hits { get; private set; }

    /// <summary>The link to the next (older) page of threads, or null at the end.</summary>
    public string? OlderLink { get; private set; }

    public async Task OnGetAsync(string? before, CancellationToken cancellationToken)
    {
        DateTimeOffset? until = DateTimeOffset.TryParseExact(before, "O", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var parsed) ? parsed : null;
        Threads = await archive.ThreadsAsync(PageSize, until, cancellationToken);
        if (Threads.Count == PageSize)
        {
            OlderLink = Link(PagePath) + "?before=" + Uri.EscapeDataString(Threads[^1].LastAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        }
    }

    public async Task OnPostAsync(CancellationToken cancellationToken)
    {
        Query = Query?.Trim();
        if (Query is { Length: > ArchiveService.MaxQueryLength })
        {
            Query = Query[..ArchiveService.MaxQueryLength];
        }

        Hits = string.IsNullOrEmpty(Query) ? [] : await archive.SearchAsync(Query, MaxHits, cancellationToken);
    }

    /// <summary>Where a message is read: its thread, at the message.</summary>
    public string MessageLink(ArchiveMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Link("/archive/thread/" + message.ThreadId.ToString(CultureInfo.InvariantCulture)) + "#message-" + message.Id.ToString(CultureInfo.InvariantCulture);
    }
}
