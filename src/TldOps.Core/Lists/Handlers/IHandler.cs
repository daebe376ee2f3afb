namespace TldOps.Core.Lists.Handlers;

/// <summary>
/// One step of the pipeline that prepares an accepted post for delivery, as in Mailman's
/// handlers: it may change the message (add headers, a footer, a signature) and says how to go
/// on. Expected failures are outcomes, never exceptions; an exception means a bug or a broken
/// database and sends the post to quarantine for replay.
/// </summary>
public interface IHandler
{
    /// <summary>The kebab-case name used in the default pipeline ("subject-prefix").</summary>
    string Name { get; }

    /// <summary>Does this step's work on <paramref name="post"/>.</summary>
    Task<HandlerOutcome> ProcessAsync(PostInProgress post, CancellationToken cancellationToken = default);
}
