namespace TldOps.Core.Lists.Delivery;

/// <summary>Where copies go: a smarthost, the recipients' MX hosts, or the outbox maildir.</summary>
public interface IMailTransport : IAsyncDisposable
{
    /// <summary>A short description for logs and status ("smarthost relay.example:25").</summary>
    string Description { get; }

    /// <summary>Delivers one copy. Expected failures are results; only cancellation throws.</summary>
    Task<DeliveryResult> DeliverAsync(OutgoingCopy copy, CancellationToken cancellationToken = default);
}
