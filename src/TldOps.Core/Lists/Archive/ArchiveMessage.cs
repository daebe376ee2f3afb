namespace TldOps.Core.Lists.Archive;

/// <summary>A post in the archive, parsed; the raw bytes are in <c>mail_message</c> (<see cref="MessageId"/>).</summary>
public sealed class ArchiveMessage
{
    public long Id { get; init; }

    public long PostId { get; init; }

    public long ThreadId { get; init; }

    /// <summary>The stored bytes as received.</summary>
    public long MessageId { get; init; }

    /// <summary>The Message-ID field without angle brackets.</summary>
    public string? HeaderMessageId { get; init; }

    public string? InReplyTo { get; init; }

    public string Subject { get; init; } = string.Empty;

    public string? AuthorName { get; init; }

    public string? AuthorEmail { get; init; }

    public long? MemberId { get; init; }

    public string? CcTld { get; init; }

    /// <summary>JSON array of subject tags.</summary>
    public string Tags { get; init; } = "[]";

    public string? Tlp { get; init; }

    public DateTimeOffset? SentAt { get; init; }

    public DateTimeOffset ArchivedAt { get; init; }

    public string BodyText { get; init; } = string.Empty;

    public IReadOnlyList<string> TagList => System.Text.Json.JsonSerializer.Deserialize<List<string>>(Tags) ?? [];
}
