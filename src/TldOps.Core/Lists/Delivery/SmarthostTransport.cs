using System.Net;
using Microsoft.Extensions.Logging;
using TldOps.Mail.Smtp.Client;

namespace TldOps.Core.Lists.Delivery;

/// <summary>Every copy to one relay (Postfix, a provider), with optional AUTH and STARTTLS.</summary>
public sealed class SmarthostTransport : SmtpTransport
{
    private readonly SmtpDestination _destination;

    public SmarthostTransport(DeliveryOptions options, string heloName, ILogger logger, TimeProvider clock)
        : base(options, heloName, logger, clock)
    {
        var (host, port) = options.SmarthostEndPoint();
        var credentials = string.IsNullOrEmpty(options.SmarthostUser) ? null : new NetworkCredential(options.SmarthostUser, options.SmarthostPassword);
        _destination = new SmtpDestination(host, port, options.SmarthostStartTls, credentials);
    }

    public override string Description => $"smarthost {_destination.Host}:{_destination.Port}";

    public override Task<DeliveryResult> DeliverAsync(OutgoingCopy copy, CancellationToken cancellationToken = default) =>
        SendAsync(_destination, copy, cancellationToken);
}
