using TldOps.Core.Lists.Dkim;

namespace TldOps.Core.Lists.Handlers;

/// <summary>
/// <c>dkim-sign</c>: signs each copy with the list's key (d= the list's domain). The copies of a
/// post differ only in their envelope (VERP return path), so one signature serves every
/// recipient: signing is per variant, never per recipient.
/// </summary>
public sealed class DkimSignHandler(ListDkimKey key, TimeProvider clock) : IHandler
{
    public string Name => "dkim-sign";

    public Task<HandlerOutcome> ProcessAsync(PostInProgress post, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(post);
        var signer = key.CreateSigner(clock);
        foreach (var copy in post.EffectiveCopies)
        {
            copy.Message.Headers.Prepend(signer.Sign(copy.Message));
        }

        return Task.FromResult(HandlerOutcome.Continue);
    }
}
