using Microsoft.Extensions.Logging;
using TldOps.Mail.Smtp;
using TldOps.Mail.Smtp.Client;

namespace TldOps.Core.Lists.Delivery;

/// <summary>
/// What the smarthost and MX transports share: one connection pool (connections reused,
/// transactions pipelined), envelope building, result mapping, and the 7-bit fallback for servers
/// without 8BITMIME.
/// </summary>
public abstract class SmtpTransport : IMailTransport
{
    protected SmtpTransport(DeliveryOptions options, string heloName, ILogger logger, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        var client = SmtpClientOptions.Default.Clone();
        client.LocalDomain = heloName;
        var pool = SmtpConnectionPoolOptions.Default.Clone();
        pool.ClientOptions = client.Freeze();
        pool.MaxConnectionsPerDestination = options.MaxConnectionsPerDestination;
        Pool = new SmtpConnectionPool(pool.Freeze(), logger, clock);
        Logger = logger;
    }

    protected SmtpConnectionPool Pool { get; }

    protected ILogger Logger { get; }

    public abstract string Description { get; }

    public abstract Task<DeliveryResult> DeliverAsync(OutgoingCopy copy, CancellationToken cancellationToken = default);

    /// <summary>Sends one copy to <paramref name="destination"/>.</summary>
    protected async Task<DeliveryResult> SendAsync(SmtpDestination destination, OutgoingCopy copy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(copy);
        SmtpEnvelope envelope;
        try
        {
            envelope = SmtpResults.Envelope(copy);
        }
        catch (SmtpAddressFormatException ex)
        {
            return new DeliveryResult.Permanent($"Unusable address: {ex.Message}", "5.1.3");
        }

        var content = copy.Content;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return SmtpResults.From(await Pool.SendAsync(destination, envelope, content, cancellationToken).ConfigureAwait(false));
            }
            catch (SmtpCommandException ex) when (attempt == 0 && SmtpResults.NeedsSevenBit(ex))
            {
                content = SmtpResults.ToSevenBit(content);
            }
            catch (SmtpException ex)
            {
                return SmtpResults.From(ex);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Pool.DisposeAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }
}
