using System.Globalization;
using TldOps.Mail.Smtp.Client;

namespace TldOps.Core.Lists.Delivery;

/// <summary>The <c>Lists:Delivery</c> settings.</summary>
public sealed class DeliveryOptions
{
    /// <summary>The transport (default Auto: the smarthost if configured, else the outbox).</summary>
    public DeliveryMode Mode { get; set; } = DeliveryMode.Auto;

    /// <summary>The relay, <c>HOST:PORT</c> (<c>serve --smarthost</c>).</summary>
    public string? Smarthost { get; set; }

    /// <summary>AUTH user name at the smarthost (none by default).</summary>
    public string? SmarthostUser { get; set; }

    /// <summary>AUTH password at the smarthost; never logged.</summary>
    public string? SmarthostPassword { get; set; }

    /// <summary>STARTTLS towards the smarthost (default Opportunistic; Required when AUTH is used is wise).</summary>
    public SmtpStartTlsPolicy SmarthostStartTls { get; set; } = SmtpStartTlsPolicy.Opportunistic;

    /// <summary>The outbox maildir (the server sets DATA/outbox).</summary>
    public string? OutboxDirectory { get; set; }

    /// <summary>The name in our EHLO (default: the list's domain).</summary>
    public string? HeloName { get; set; }

    /// <summary>Copies delivered at once by the outgoing runner (default 16).</summary>
    public int Concurrency { get; set; } = 16;

    /// <summary>
    /// Copies leased per query (default 128). Concurrency + LeaseBatch bounds what the outgoing
    /// runner holds between leasing and recording (see <see cref="InFlightWindow"/>).
    /// </summary>
    public int LeaseBatch { get; set; } = 128;

    /// <summary>Workers that take only the alert lane, so bulk mail never delays an alert (default 4; they lease eight copies each per query).</summary>
    public int AlertConcurrency { get; set; } = 4;

    /// <summary>
    /// Copies the alert runner leases per query: eight per alert worker (32 by default). With two
    /// per worker, its share of an alert fan-out was leased eight copies and recorded four at a
    /// time, and that share alone made most of the fan-out's transactions (bench/README.md).
    /// </summary>
    public int AlertLeaseBatch => Math.Max(8, AlertConcurrency * 8);

    /// <summary>
    /// The most copies both outgoing runners together hold between leasing and recording, hence the
    /// most a node killed mid fan-out can have sent without the queue knowing (180 by default).
    /// </summary>
    public int InFlightWindow => Concurrency + LeaseBatch + AlertConcurrency + AlertLeaseBatch;

    /// <summary>
    /// Recipients of each post written in the pipeline's own transaction; the delivery runners
    /// write the others as they lease them (<see cref="FanOutWriter"/>). Default 0: every copy is
    /// written by a lease, the first one a millisecond after the pipeline's commit, where writing
    /// 500 in the pipeline's transaction delayed the first copy by about 5 ms (bench/README.md).
    /// </summary>
    public int FanOutHeadStart { get; set; }

    /// <summary>Open connections per destination host (default 8).</summary>
    public int MaxConnectionsPerDestination { get; set; } = 8;

    /// <summary>
    /// Waits between attempts after a temporary failure; the last repeats (default 5 min, 15 min,
    /// 30 min, 1 h, 2 h, then every 4 h). The first is short because greylisting usually clears
    /// within minutes; RFC 5321 §4.5.4.1 asks for at least 30 minutes once that is past.
    /// </summary>
    public List<TimeSpan> RetryIntervals { get; set; } = [];

    /// <summary>Give up on a copy this long after it was first queued (default 5 days; RFC 5321 §4.5.4.1 suggests 4–5).</summary>
    public TimeSpan MaxRetryAge { get; set; } = TimeSpan.FromDays(5);

    /// <summary>The retry intervals in force (the defaults when none are configured).</summary>
    public IReadOnlyList<TimeSpan> EffectiveRetryIntervals => RetryIntervals.Count > 0
        ? RetryIntervals
        : [TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(4)];

    /// <summary>The mode in force once Auto is resolved.</summary>
    public DeliveryMode EffectiveMode => Mode != DeliveryMode.Auto ? Mode
        : string.IsNullOrWhiteSpace(Smarthost) ? DeliveryMode.Outbox : DeliveryMode.Smarthost;

    /// <summary>The smarthost's host and port (port 25 when absent).</summary>
    public (string Host, int Port) SmarthostEndPoint()
    {
        var text = Smarthost?.Trim() ?? throw new InvalidOperationException("Lists:Delivery:Smarthost is not set.");
        var colon = text.LastIndexOf(':');
        if (colon < 0 || text.EndsWith(']'))
        {
            return (text.Trim('[', ']'), 25);
        }

        return int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? (text[..colon].Trim('[', ']'), port)
            : throw new InvalidOperationException($"Lists:Delivery:Smarthost must be HOST or HOST:PORT (it is '{text}').");
    }

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the first setting that cannot work.</summary>
    public void Validate()
    {
        if (Concurrency is < 1 or > 1000 || LeaseBatch is < 1 or > 10_000 || AlertConcurrency is < 1 or > 100 || MaxConnectionsPerDestination is < 1 or > 1000)
        {
            throw new InvalidOperationException("Lists:Delivery: Concurrency 1–1000, LeaseBatch 1–10000, AlertConcurrency 1–100 and MaxConnectionsPerDestination 1–1000.");
        }

        if (FanOutHeadStart is < 0 or > 1_000_000)
        {
            throw new InvalidOperationException("Lists:Delivery:FanOutHeadStart must be 0–1000000.");
        }

        if (EffectiveRetryIntervals.Any(i => i < TimeSpan.FromSeconds(1)) || MaxRetryAge < TimeSpan.FromMinutes(1))
        {
            throw new InvalidOperationException("Lists:Delivery:RetryIntervals must be at least a second each and MaxRetryAge at least a minute.");
        }

        if (EffectiveMode == DeliveryMode.Smarthost)
        {
            _ = SmarthostEndPoint();
        }
    }
}
