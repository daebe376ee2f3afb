namespace TldOps.Core.Lists.Archive;

/// <summary>A search result: the message and a short excerpt with the matches in [brackets].</summary>
public sealed record ArchiveSearchHit(ArchiveMessage Message, string Snippet);
