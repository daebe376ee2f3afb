namespace TldOps.Core.Storage.Queues;

/// <summary>One stored queue entry.</summary>
public sealed class QueueEntry
{
    public long Id { get; init; }

    public string Queue { get; init; } = string.Empty;

    public int Priority { get; init; }

    public long? MessageId { get; init; }

    public string? Sender { get; init; }

    public string? Recipient { get; init; }

    /// <summary>JSON array of envelope recipients (in queue).</summary>
    public string? Recipients { get; init; }

    public string? Correlation { get; init; }

    /// <summary>JSON object the runner reads.</summary>
    public string Payload { get; init; } = "{}";

    public string State { get; init; } = "ready";

    /// <summary>How many times the entry was leased (a crash counts: poison entries are quarantined).</summary>
    public int Attempts { get; init; }

    public DateTimeOffset NotBefore { get; init; }

    public string? LeaseOwner { get; init; }

    public DateTimeOffset? LeaseUntil { get; init; }

    public string? OriginQueue { get; init; }

    public string? LastError { get; init; }

    public string? Reply { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public IReadOnlyList<string> RecipientList =>
        string.IsNullOrEmpty(Recipients) ? [] : System.Text.Json.JsonSerializer.Deserialize<List<string>>(Recipients) ?? [];
}
