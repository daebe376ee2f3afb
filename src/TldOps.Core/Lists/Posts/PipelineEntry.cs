using System.Globalization;
using TldOps.Core.Storage.Queues;

namespace TldOps.Core.Lists.Posts;

/// <summary>The <c>pipeline</c> queue entry of an accepted or approved post.</summary>
public static class PipelineEntry
{
    public static NewQueueEntry For(long postId, long messageId, int priority) => new(
        QueueNames.Pipeline,
        priority,
        messageId,
        Correlation: Correlation(postId),
        Payload: string.Create(CultureInfo.InvariantCulture, $$"""{"postId":{{postId}}}"""));

    /// <summary>The correlation every queue entry of a post carries ("post:42").</summary>
    public static string Correlation(long postId) => string.Create(CultureInfo.InvariantCulture, $"post:{postId}");

    /// <summary>The post id in a pipeline entry's payload, or null.</summary>
    public static long? PostIdOf(QueueEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var json = System.Text.Json.JsonDocument.Parse(entry.Payload);
        return json.RootElement.TryGetProperty("postId", out var id) && id.TryGetInt64(out var value) ? value : null;
    }
}
