using System.Net;

namespace TldOps.Dns.Tests.Support;

/// <summary>Resolvers pointed at test servers, with a seeded random source and short timeouts.</summary>
internal static class TestResolvers
{
    /// <summary>Per-try timeout for servers that are meant to stay silent; answers on loopback take microseconds.</summary>
    public static readonly TimeSpan ShortTimeout = TimeSpan.FromMilliseconds(200);

    public static DnsResolver Create(IPEndPoint[] servers, Action<DnsResolverOptions>? configure = null, TimeProvider? clock = null, int seed = 1)
    {
        var options = DnsResolverOptions.Default.Clone();
        options.Servers = servers;
        options.Timeout = TimeSpan.FromSeconds(5);
        options.Attempts = 1;
        configure?.Invoke(options);
        return new DnsResolver(options, clock, new Random(seed));
    }

    public static DnsResolver Create(IPEndPoint server, Action<DnsResolverOptions>? configure = null, TimeProvider? clock = null) =>
        Create([server], configure, clock);
}
