namespace TldOps.Core.Lists.Posts;

/// <summary>A row of <c>list_post</c>: a message sent to the posting address and its fate.</summary>
public sealed record StoredPost
{
    public long Id { get; init; }

    public long InEntryId { get; init; }

    /// <summary>The stored bytes as received (<c>mail_message</c>).</summary>
    public long MessageId { get; init; }

    /// <summary>The Message-ID field without angle brackets.</summary>
    public string? HeaderMessageId { get; init; }

    public string? EnvelopeSender { get; init; }

    public string? FromAddress { get; init; }

    public string? FromName { get; init; }

    public long? MemberId { get; init; }

    public string? Subject { get; init; }

    public long Size { get; init; }

    public string? AuthenticatedDomain { get; init; }

    /// <summary>accept, hold, reject, discard.</summary>
    public string Decision { get; init; } = string.Empty;

    /// <summary>JSON array of the rule checks (see <see cref="PostTrace"/>).</summary>
    public string Trace { get; init; } = "[]";

    /// <summary>JSON array of subject tags.</summary>
    public string Tags { get; init; } = "[]";

    public string? Tlp { get; init; }

    public int Priority { get; init; }

    /// <summary>See <see cref="PostState"/>.</summary>
    public string State { get; init; } = string.Empty;

    public DateTimeOffset ReceivedAt { get; init; }

    public DateTimeOffset DecidedAt { get; init; }

    public DateTimeOffset? DistributedAt { get; init; }

    public int? Copies { get; init; }

    public IReadOnlyList<string> TagList => System.Text.Json.JsonSerializer.Deserialize<List<string>>(Tags) ?? [];

    public IReadOnlyList<Chains.RuleCheck> TraceList => PostTrace.Read(Trace);
}
