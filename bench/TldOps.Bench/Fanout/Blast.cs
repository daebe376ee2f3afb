using System.Globalization;
using TldOps.Mail.Smtp;
using TldOps.Mail.Smtp.Client;

namespace TldOps.Bench.Fanout;

/// <summary>
/// The raw pipelined blast, the fan-out's ceiling: N personalised envelopes (each its own VERP
/// return path and recipient) of the same bytes, sent through a fresh <see cref="SmtpConnectionPool"/>
/// with the server's connection limit and concurrency, as fast as the sink takes them. No queue,
/// no database, no message building: what is left of a fan-out when the list engine is taken away.
/// </summary>
internal static class Blast
{
    /// <summary>Sends the N copies and returns once every send completed (the caller times the arrivals at the sink).</summary>
    public static async Task SendAsync(int sinkPort, byte[] copy, int n, int connections, int concurrency)
    {
        var poolOptions = SmtpConnectionPoolOptions.Default.Clone();
        poolOptions.MaxConnectionsPerDestination = connections;
        await using var pool = new SmtpConnectionPool(poolOptions.Freeze());
        var destination = new SmtpDestination("127.0.0.1", sinkPort, SmtpStartTlsPolicy.None);
        var next = -1;
        var senders = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < n; i = Interlocked.Increment(ref next))
            {
                var envelope = new SmtpEnvelope(
                    SmtpAddress.Parse(string.Create(CultureInfo.InvariantCulture, $"tld-ops-bounces+m{i:D9}@lists.example")),
                    [SmtpAddress.Parse(string.Create(CultureInfo.InvariantCulture, $"contact{i}@blast.example"))]);
                await pool.SendAsync(destination, envelope, copy);
            }
        })).ToList();
        await Task.WhenAll(senders);
    }
}
