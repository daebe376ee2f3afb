namespace TldOps.Core.Storage.Queues;

/// <summary>What to enqueue. <see cref="NotBefore"/> null means now.</summary>
public sealed record NewQueueEntry(
    string Queue,
    int Priority = QueuePriority.Normal,
    long? MessageId = null,
    string? Sender = null,
    string? Recipient = null,
    IReadOnlyList<string>? Recipients = null,
    string? Correlation = null,
    string Payload = "{}",
    DateTimeOffset? NotBefore = null);
