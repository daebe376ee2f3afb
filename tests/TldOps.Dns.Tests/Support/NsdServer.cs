using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using TldOps.Dns.Wire;
using TldOps.Testing;

namespace TldOps.Dns.Tests.Support;

/// <summary>
/// A real NSD authoritative server on 127.0.0.1, started in the foreground (<c>nsd -d</c>) with a
/// configuration and zone files in a temporary directory, on a free port. Dispose kills it.
/// </summary>
internal sealed class NsdServer : IAsyncDisposable
{
    private static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(15);

    private readonly Process _process;
    private readonly TempDirectory _directory;
    private readonly StringBuilder _output;

    private NsdServer(Process process, TempDirectory directory, StringBuilder output, IPEndPoint endPoint)
    {
        _process = process;
        _directory = directory;
        _output = output;
        EndPoint = endPoint;
    }

    public IPEndPoint EndPoint { get; }

    /// <summary>Starts NSD serving <paramref name="zones"/> (origin → zone file text) and waits until it answers.</summary>
    public static async Task<NsdServer> StartAsync(IReadOnlyDictionary<string, string> zones, CancellationToken cancellationToken = default)
    {
        var nsd = RealComponent.Require("nsd", "nsd");

        // A free port can be taken between probing and NSD's bind; try a few.
        for (var attempt = 1; ; attempt++)
        {
            var directory = new TempDirectory("tldops-nsd");
            var endPoint = new IPEndPoint(IPAddress.Loopback, FreePort());
            WriteConfiguration(directory, endPoint.Port, zones);
            var output = new StringBuilder();
            var process = Launch(nsd, directory.Combine("nsd.conf"), output);
            var server = new NsdServer(process, directory, output, endPoint);
            if (await server.WaitUntilAnsweringAsync(zones.Keys.First(), cancellationToken))
            {
                return server;
            }

            var log = server.Log;
            await server.DisposeAsync();
            if (attempt == 3)
            {
                throw new InvalidOperationException($"NSD did not start on {endPoint}:\n{log}");
            }
        }
    }

    /// <summary>What NSD printed and logged, for failure messages.</summary>
    public string Log
    {
        get
        {
            var logFile = _directory.Combine("nsd.log");
            lock (_output)
            {
                return _output + (File.Exists(logFile) ? File.ReadAllText(logFile) : string.Empty);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(wait.Token);
        }
        finally
        {
            _process.Dispose();
            _directory.Dispose();
        }
    }

    private static int FreePort()
    {
        // NSD needs the same port free for UDP and TCP.
        for (var i = 0; ; i++)
        {
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)udp.LocalEndPoint!).Port;
            using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                tcp.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException) when (i < 20)
            {
                continue;
            }
        }
    }

    private static void WriteConfiguration(TempDirectory directory, int port, IReadOnlyDictionary<string, string> zones)
    {
        var config = new StringBuilder();
        config.Append(CultureInvariant($"""
            server:
              ip-address: 127.0.0.1
              port: {port}
              do-ip6: no
              username: ""
              chroot: ""
              zonesdir: "{directory.Path}"
              database: ""
              zonelistfile: "{directory.Combine("zone.list")}"
              pidfile: "{directory.Combine("nsd.pid")}"
              xfrdfile: "{directory.Combine("xfrd.state")}"
              xfrdir: "{directory.Path}"
              logfile: "{directory.Combine("nsd.log")}"
              server-count: 1
              verbosity: 1
              hide-version: yes
            remote-control:
              control-enable: no

            """));
        foreach (var (origin, text) in zones)
        {
            var file = origin + ".zone";
            File.WriteAllText(directory.Combine(file), text);
            config.Append(CultureInvariant($"zone:\n  name: \"{origin}\"\n  zonefile: \"{file}\"\n"));
        }

        File.WriteAllText(directory.Combine("nsd.conf"), config.ToString());
    }

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);

    private static Process Launch(string nsd, string configuration, StringBuilder output)
    {
        var start = new ProcessStartInfo(nsd)
        {
            ArgumentList = { "-d", "-c", configuration },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = new Process { StartInfo = start };
        DataReceivedEventHandler collect = (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                }
            }
        };
        process.OutputDataReceived += collect;
        process.ErrorDataReceived += collect;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task<bool> WaitUntilAnsweringAsync(string origin, CancellationToken cancellationToken)
    {
        var options = DnsResolverOptions.Default.Clone();
        options.Servers = [EndPoint];
        options.Timeout = TimeSpan.FromMilliseconds(100);
        options.Attempts = 1;
        options.CacheSize = 0;
        var probe = new DnsResolver(options);
        var deadline = Stopwatch.StartNew();

        // Bounded by StartupLimit; each round is one short query and a short pause.
        while (deadline.Elapsed < StartupLimit && !_process.HasExited)
        {
            var soa = await probe.QueryAsync(origin, DnsRecordType.SOA, cancellationToken);
            if (soa.IsSuccess)
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }

        return false;
    }
}
