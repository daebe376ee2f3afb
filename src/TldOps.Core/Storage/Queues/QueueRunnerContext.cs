using Microsoft.Extensions.Options;

namespace TldOps.Core.Storage.Queues;

/// <summary>What every runner needs, in one object so that runner constructors stay short.</summary>
public sealed class QueueRunnerContext(QueueStore store, QueueSignal signal, IOptions<QueueOptions> options, NodeIdentity node, TimeProvider clock)
{
    public QueueStore Store { get; } = store;

    public QueueSignal Signal { get; } = signal;

    public QueueOptions Options { get; } = options.Value;

    public NodeIdentity Node { get; } = node;

    public TimeProvider Clock { get; } = clock;
}
