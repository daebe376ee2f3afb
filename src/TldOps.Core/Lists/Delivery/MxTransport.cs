using Microsoft.Extensions.Logging;
using TldOps.Dns;
using TldOps.Mail.Smtp.Client;

namespace TldOps.Core.Lists.Delivery;

/// <summary>
/// Straight to the recipient domain's mail exchangers (RFC 5321 §5.1): MX hosts by preference
/// (the implicit MX when there is none), each tried in turn while the failure is temporary; a
/// null MX (RFC 7505) or a domain that does not exist fails for good; DNS trouble is temporary.
/// STARTTLS is used when offered (opportunistic; RFC 7435).
/// </summary>
public sealed class MxTransport(DeliveryOptions options, string heloName, DnsResolver resolver, ILogger logger, TimeProvider clock)
    : SmtpTransport(options, heloName, logger, clock)
{
    // RFC 5321 §5.1 leaves the number open; trying every one of twenty MX hosts for one copy helps nobody.
    private const int MaxExchangersTried = 5;

    public override string Description => "direct to MX";

    public override async Task<DeliveryResult> DeliverAsync(OutgoingCopy copy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(copy);
        var at = copy.Recipient.LastIndexOf('@');
        if (at < 0)
        {
            return new DeliveryResult.Permanent($"'{copy.Recipient}' has no domain.", "5.1.3");
        }

        var domain = copy.Recipient[(at + 1)..];
        var mx = await resolver.LookupMxAsync(domain, cancellationToken).ConfigureAwait(false);
        if (mx.AcceptsNoMail)
        {
            return new DeliveryResult.Permanent($"{domain} publishes a null MX: it accepts no mail (RFC 7505).", "5.1.10");
        }

        if (mx.Outcome == DnsOutcome.NxDomain)
        {
            return new DeliveryResult.Permanent($"The domain {domain} does not exist.", "5.1.2");
        }

        if (mx.Outcome != DnsOutcome.Success || mx.Exchanges.Count == 0)
        {
            return new DeliveryResult.Transient($"MX look-up for {domain}: {mx.Outcome}.");
        }

        DeliveryResult last = new DeliveryResult.Transient($"No mail exchanger of {domain} could be reached.");
        foreach (var exchange in mx.Exchanges.Take(MaxExchangersTried))
        {
            last = await SendAsync(new SmtpDestination(exchange.Host.TrimEnd('.'), 25, SmtpStartTlsPolicy.Opportunistic), copy, cancellationToken).ConfigureAwait(false);
            if (last is not DeliveryResult.Transient)
            {
                return last;
            }
        }

        return last;
    }
}
