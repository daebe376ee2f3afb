using TldOps.Core.Lists.Posts;
using TldOps.Core.Storage.Queues;

namespace TldOps.Core.Lists.Handlers;

/// <summary>
/// <c>classify</c>: reads the subject tags and the TLP label (subject or first line of text) and
/// puts [ALERT] posts in the alert lane, which bulk work never delays.
/// </summary>
public sealed class ClassifyHandler : IHandler
{
    public string Name => "classify";

    public Task<HandlerOutcome> ProcessAsync(PostInProgress post, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(post);
        var firstLine = PostClassifier.FirstLine(post.Message.TextBody?.GetText());
        post.Classification = PostClassifier.Classify(post.Message.Subject, firstLine);
        post.Priority = post.Classification.IsAlert ? QueuePriority.Alert : QueuePriority.Normal;
        return Task.FromResult(HandlerOutcome.Continue);
    }
}
