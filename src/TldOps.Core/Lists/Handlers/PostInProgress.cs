using TldOps.Core.Lists.Posts;
using TldOps.Core.Storage.Queues;
using TldOps.Mail.Addresses;
using TldOps.Mail.Mime;

namespace TldOps.Core.Lists.Handlers;

/// <summary>An accepted post on its way through the pipeline: the message the handlers change, and what they learn.</summary>
public sealed class PostInProgress
{
    /// <summary>The stored post (author, member, authentication, trace).</summary>
    public required StoredPost Post { get; init; }

    /// <summary>The bytes as received (the archive keeps these).</summary>
    public required ReadOnlyMemory<byte> Raw { get; init; }

    /// <summary>The message being prepared; handlers change it in place.</summary>
    public required MimeMessage Message { get; set; }

    public required ListOptions Options { get; init; }

    /// <summary>The author as the post's From named them, before any DMARC rewriting.</summary>
    public MailboxAddress? Author { get; init; }

    public PostClassification Classification { get; set; } = PostClassification.Empty;

    /// <summary>The queue lane of the copies (alert or normal).</summary>
    public int Priority { get; set; } = QueuePriority.Normal;

    /// <summary>The archive entry, once archived.</summary>
    public long? ArchiveId { get; set; }

    /// <summary>The message's address in the archive (RFC 5064 Archived-At), when the archive has pages.</summary>
    public string? ArchivedAt { get; set; }

    /// <summary>The variants to deliver, made by the footer handler; empty means one copy of <see cref="Message"/> for everyone.</summary>
    public List<PostCopy> Copies { get; } = [];

    /// <summary>The copies to deliver: <see cref="Copies"/>, or the message itself for everyone.</summary>
    public IReadOnlyList<PostCopy> EffectiveCopies => Copies.Count > 0 ? Copies : [new PostCopy(null, Message)];
}
