namespace TldOps.Core.Lists.Requests;

/// <summary>
/// Handles mail sent to the list's <c>-request</c> address. The list engine's incoming runner
/// offers every such message to each registered handler in turn, until one answers
/// <see cref="RequestMailOutcome.Handled"/>; a message nobody claims gets the engine's help reply.
/// A handler does its work (and any mail it answers with) in its own transaction, and must be
/// safe to call twice with the same message: the runner may retry after a crash.
/// </summary>
public interface IRequestMailHandler
{
    /// <summary>Takes the message if it is one this handler understands.</summary>
    /// <param name="mail">The received message with its envelope and authentication results.</param>
    /// <param name="cancellationToken">Cancels the work; the runner retries the message later.</param>
    /// <returns><see cref="RequestMailOutcome.Handled"/> when this handler acted on (or answered) the message; else <see cref="RequestMailOutcome.NotMine"/>.</returns>
    Task<RequestMailOutcome> HandleAsync(RequestMail mail, CancellationToken cancellationToken = default);
}
