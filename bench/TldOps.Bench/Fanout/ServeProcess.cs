using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace TldOps.Bench.Fanout;

/// <summary>
/// A real <c>tldops</c> process (the executable built next to this program), started for one
/// measurement and killed (gracefully or with SIGKILL) by the bench. Its output is kept in a log
/// file beside the data.
/// </summary>
internal sealed class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServeProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Runs <c>tldops ARGS</c> to completion (db migrate and the like); throws when it fails.</summary>
    public static async Task RunToEndAsync(string dataDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var process = Process.Start(StartInfo(dataDirectory, environment, args, redirect: true)) ?? throw new InvalidOperationException("tldops did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"tldops {string.Join(' ', args)} failed ({process.ExitCode}): {await output}{await error}");
        }
    }

    /// <summary>Starts <c>tldops serve</c> and waits until its SMTP listener accepts connections.</summary>
    public static async Task<ServeProcess> StartAsync(string dataDirectory, int smtpPort, int smarthostPort, IReadOnlyDictionary<string, string> environment)
    {
        var args = new[]
        {
            "serve", "--urls", "http://127.0.0.1:0", "--smtp", $"127.0.0.1:{smtpPort}", "--smarthost", $"127.0.0.1:{smarthostPort}",
        };
        var start = StartInfo(dataDirectory, environment, args, redirect: false);
        var log = Path.Combine(dataDirectory, "serve.log");
        start.FileName = "/bin/sh";
        var command = string.Join(' ', new[] { Executable() }.Concat(start.ArgumentList).Select(Quote));
        start.ArgumentList.Clear();
        start.ArgumentList.Add("-c");
        // exec: the shell becomes tldops, so the pid we hold is the server's (kill -9 hits it, not a shell).
        start.ArgumentList.Add($"exec {command} >> {Quote(log)} 2>&1");
        var process = Process.Start(start) ?? throw new InvalidOperationException("tldops serve did not start");
        var serve = new ServeProcess(process);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"tldops serve exited with {process.ExitCode}; see {log}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, smtpPort);
                return serve;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        await serve.DisposeAsync();
        throw new TimeoutException($"tldops serve did not listen on {smtpPort} within a minute; see {log}");
    }

    /// <summary>The resident set size of the process (VmRSS), in bytes.</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kb = long.Parse(line["VmRSS:".Length..].Replace("kB", string.Empty, StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
                return kb * 1024;
            }
        }

        throw new InvalidOperationException("No VmRSS line.");
    }

    /// <summary>kill -9: no shutdown code runs, leases stay as they were.</summary>
    public void KillHard() => _process.Kill(entireProcessTree: false);

    /// <summary>SIGTERM and wait for a graceful stop (then SIGKILL after 30 s).</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await term!.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            KillHard();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            KillHard();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    /// <summary>The tldops executable copied next to this program by the project reference.</summary>
    public static string Executable()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "tldops");
        return File.Exists(path) ? path : throw new FileNotFoundException("tldops is not next to the bench program; build bench/TldOps.Bench (it references the server).", path);
    }

    private static ProcessStartInfo StartInfo(string dataDirectory, IReadOnlyDictionary<string, string> environment, string[] args, bool redirect)
    {
        var start = new ProcessStartInfo(Executable())
        {
            UseShellExecute = false,
            RedirectStandardOutput = redirect,
            RedirectStandardError = redirect,
            WorkingDirectory = dataDirectory,
        };
        start.ArgumentList.Add("--data");
        start.ArgumentList.Add(dataDirectory);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
