using TldOps.Core.Lists.Archive;
using TldOps.Core.Lists.Posts;

namespace TldOps.Core.Lists.Handlers;

/// <summary>
/// <c>archive</c>: stores the post as received, with its parsed fields, in the members-only
/// archive, so that the copies can point at it (Archived-At). Archiving twice (a retried entry)
/// returns the first archive entry.
/// </summary>
public sealed class ArchiveHandler(ArchiveService archive, ListMemberDirectory members) : IHandler
{
    public string Name => "archive";

    public async Task<HandlerOutcome> ProcessAsync(PostInProgress post, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(post);
        string? ccTld = null;
        if (post.Author is { } author)
        {
            ccTld = (await members.FindByEmailAsync(author.Address, cancellationToken).ConfigureAwait(false))?.CcTld;
        }

        post.ArchiveId = await archive.ArchiveAsync(post.Post, post.Message, post.Classification, ccTld, cancellationToken).ConfigureAwait(false);
        post.ArchivedAt = archive.UrlOf(post.ArchiveId.Value);
        return HandlerOutcome.Continue;
    }
}
