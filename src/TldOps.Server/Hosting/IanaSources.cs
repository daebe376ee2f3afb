using System.Globalization;
using TldOps.Core.Registry.Iana;

namespace TldOps.Server.Hosting;

/// <summary>
/// The live IANA sources (whois on port 43, or RDAP) built from the <c>Iana</c> settings, with
/// their timeouts, polite query interval and retries: for <c>tldops iana sync</c> and the
/// scheduled sync of <c>tldops serve</c>.
/// </summary>
internal static class IanaSources
{
    /// <summary>
    /// The live source <paramref name="settings"/> name, each value overridable (a command's
    /// <c>--source</c>, <c>--server</c>, <c>--rdap-base</c>); false with the problem named when a value is wrong.
    /// The source may own resources: dispose it when it is <see cref="IDisposable"/>.
    /// </summary>
    public static bool TryCreate(IanaSettings settings, string? kindOverride, string? serverOverride, string? rdapBaseOverride, out IDelegationSource source, out string problem)
    {
        ArgumentNullException.ThrowIfNull(settings);
        source = null!;
        problem = string.Empty;
        var timeout = settings.Timeout > TimeSpan.Zero ? settings.Timeout : TimeSpan.FromSeconds(20);
        var kind = kindOverride ?? settings.Source;
        if (string.Equals(kind, "rdap", StringComparison.OrdinalIgnoreCase))
        {
            var text = rdapBaseOverride ?? settings.RdapBase;
            if (!Uri.TryCreate(text, UriKind.Absolute, out var baseUri) || (baseUri.Scheme != Uri.UriSchemeHttps && baseUri.Scheme != Uri.UriSchemeHttp))
            {
                problem = $"RDAP base (--rdap-base, Iana:RdapBase): '{text}' is not an http(s) URL.";
                return false;
            }

            var rdap = new RdapClientOptions { BaseUri = baseUri, ConnectTimeout = timeout, ReadTimeout = timeout };
            Politeness(rdap, settings);
            source = new OwnedRdapClient(rdap);
            return true;
        }

        if (!string.Equals(kind, "whois", StringComparison.OrdinalIgnoreCase))
        {
            problem = $"source (--source, Iana:Source): '{kind}' is neither whois nor rdap.";
            return false;
        }

        var server = serverOverride ?? settings.WhoisServer;
        if (!TryParseServer(server, out var host, out var port))
        {
            problem = $"whois server (--server, Iana:WhoisServer): '{server}' is not HOST or HOST:PORT.";
            return false;
        }

        var whois = new WhoisClientOptions { Host = host, Port = port, ConnectTimeout = timeout, ReadTimeout = timeout };
        Politeness(whois, settings);
        source = new WhoisClient(whois, TimeProvider.System);
        return true;
    }

    private static void Politeness<TOptions>(LiveSourceOptions<TOptions> options, IanaSettings settings)
        where TOptions : LiveSourceOptions<TOptions>
    {
        options.MinimumInterval = settings.QueryInterval >= TimeSpan.Zero ? settings.QueryInterval : TimeSpan.FromSeconds(1);
        options.MaxAttempts = Math.Max(1, settings.MaxAttempts);
    }

    /// <summary>"whois.iana.org", "whois.iana.org:43", "127.0.0.1:4343", "[::1]:4343".</summary>
    public static bool TryParseServer(string text, out string host, out int port)
    {
        host = text.Trim();
        port = 43;
        if (host.StartsWith('['))
        {
            var close = host.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }

            var rest = host[(close + 1)..];
            host = host[1..close];
            return host.Length > 0 && (rest.Length == 0 || (rest[0] == ':' && ParsePort(rest[1..], out port)));
        }

        var colon = host.LastIndexOf(':');
        if (colon >= 0)
        {
            if (host.IndexOf(':', StringComparison.Ordinal) != colon || !ParsePort(host[(colon + 1)..], out port))
            {
                return false;
            }

            host = host[..colon];
        }

        return host.Length > 0 && !host.Any(char.IsWhiteSpace);
    }

    private static bool ParsePort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is > 0 and <= 65535;

    /// <summary>An RDAP client that owns its HttpClient, so the caller disposes both together.</summary>
    private sealed class OwnedRdapClient : IDelegationSource, IDisposable
    {
        private readonly HttpClient _http;
        private readonly RdapClient _client;

        public OwnedRdapClient(RdapClientOptions options)
        {
            // The RDAP client applies its own timeouts on the injected clock.
            _http = new HttpClient { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
            _http.DefaultRequestHeaders.UserAgent.ParseAdd("TldOps-iana-sync/1.0");
            _client = new RdapClient(_http, options, TimeProvider.System);
        }

        public string Description => _client.Description;

        public Task<DelegationAnswer> QueryAsync(string tld, CancellationToken cancellationToken = default) => _client.QueryAsync(tld, cancellationToken);

        public void Dispose()
        {
            _client.Dispose();
            _http.Dispose();
        }
    }
}
