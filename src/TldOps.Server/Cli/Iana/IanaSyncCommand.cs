using System.CommandLine;
using System.Globalization;
using TldOps.Core.Registry;
using TldOps.Core.Registry.Iana;
using TldOps.Server.Hosting;

namespace TldOps.Server.Cli.Iana;

/// <summary><c>tldops iana sync</c>: asks IANA live (whois port 43 or RDAP), politely, and imports the answers.</summary>
internal static class IanaSyncCommand
{
    private static readonly Option<string[]> Tlds = new("--tld")
    {
        Description = "A TLD to sync (repeatable, or a comma list: --tld de,fr). Default: every ccTLD of the reference data.",
        HelpName = "TLD",
    };

    private static readonly Option<string?> Source = new("--source")
    {
        Description = "Ask whois (port 43) or RDAP (default whois; setting Iana:Source).",
        HelpName = "whois|rdap",
    };

    private static readonly Option<string?> Server = new("--server")
    {
        Description = "The whois server as HOST[:PORT] (default whois.iana.org:43; setting Iana:WhoisServer).",
        HelpName = "HOST:PORT",
    };

    private static readonly Option<string?> RdapBase = new("--rdap-base")
    {
        Description = "The RDAP service base URL (default https://rdap.iana.org/; setting Iana:RdapBase).",
        HelpName = "URL",
    };

    public static Command Create()
    {
        Source.AcceptOnlyFromAmong("whois", "rdap");
        var command = new Command(
            "sync",
            "Fetch delegation records live from IANA, one query a second (setting Iana:QueryInterval), with timeouts and retries, and import them. Exit 1 if any TLD failed.");
        command.Options.Add(Tlds);
        command.Options.Add(Source);
        command.Options.Add(Server);
        command.Options.Add(RdapBase);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var runtime = await CliRuntime.StartAsync(parseResult, cancellationToken);
            var settings = runtime.Get<IanaSettings>();
            if (!TryReadTlds(parseResult.GetValue(Tlds) ?? [], runtime.Get<CcTldCatalog>(), out var tlds, out var problem)
                || !TryCreateSource(parseResult, settings, out var source, out problem))
            {
                await runtime.Error.WriteLineAsync(problem);
                return ExitCodes.Usage;
            }

            using (source as IDisposable)
            {
                var importer = runtime.Get<IanaImporter>();
                var report = await IanaProgressDisplay.RunAsync(runtime, "Syncing", progress => importer.SyncAsync(source, tlds, progress, cancellationToken));
                IanaReportWriter.Write(report, runtime.Output, runtime.Error);
                await IanaReconfirmation.StartAsync(runtime, cancellationToken);
                return report.Errors.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
            }
        });
        return command;
    }

    private static bool TryReadTlds(string[] values, CcTldCatalog catalog, out List<string> tlds, out string problem)
    {
        problem = string.Empty;
        if (values.Length == 0)
        {
            tlds = catalog.All.Select(t => t.Code).ToList();
            return true;
        }

        tlds = [];
        foreach (var value in values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var label = CcTldCatalog.Normalise(value);
            if (label is null || !label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                problem = $"--tld: '{value}' is not a TLD.";
                return false;
            }

            if (!tlds.Contains(label, StringComparer.Ordinal))
            {
                tlds.Add(label);
            }
        }

        return true;
    }

    private static bool TryCreateSource(ParseResult parseResult, IanaSettings settings, out IDelegationSource source, out string problem)
    {
        source = null!;
        problem = string.Empty;
        var timeout = settings.Timeout > TimeSpan.Zero ? settings.Timeout : TimeSpan.FromSeconds(20);
        var kind = parseResult.GetValue(Source) ?? settings.Source;
        if (string.Equals(kind, "rdap", StringComparison.OrdinalIgnoreCase))
        {
            var text = parseResult.GetValue(RdapBase) ?? settings.RdapBase;
            if (!Uri.TryCreate(text, UriKind.Absolute, out var baseUri) || (baseUri.Scheme != Uri.UriSchemeHttps && baseUri.Scheme != Uri.UriSchemeHttp))
            {
                problem = $"--rdap-base: '{text}' is not an http(s) URL.";
                return false;
            }

            var rdap = new RdapClientOptions { BaseUri = baseUri, ConnectTimeout = timeout, ReadTimeout = timeout };
            Politeness(rdap, settings);
            source = new OwnedRdapClient(rdap);
            return true;
        }

        if (!string.Equals(kind, "whois", StringComparison.OrdinalIgnoreCase))
        {
            problem = $"Iana:Source: '{kind}' is neither whois nor rdap.";
            return false;
        }

        var server = parseResult.GetValue(Server) ?? settings.WhoisServer;
        if (!TryParseServer(server, out var host, out var port))
        {
            problem = $"--server: '{server}' is not HOST or HOST:PORT.";
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
    internal static bool TryParseServer(string text, out string host, out int port)
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

    /// <summary>An RDAP client that owns its HttpClient, so the command disposes both together.</summary>
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
