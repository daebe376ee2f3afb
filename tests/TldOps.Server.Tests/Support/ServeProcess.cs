using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace TldOps.Server.Tests.Support;

/// <summary>
/// The real <c>tldops serve</c> executable (the one the build copies next to this test assembly
/// through the project reference) as a child process, with its SMTP listener on a port the system
/// picks: the port is read from the listener's start-up log line. The test kills it, with SIGKILL,
/// however the test ends.
/// </summary>
internal sealed partial class ServeProcess : IAsyncDisposable
{
    private const int TailLines = 200;

    private readonly Process _process;
    private readonly Lock _lock = new();
    private readonly Queue<string> _tail = new();
    private readonly TaskCompletionSource<int> _smtpPort = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServeProcess(Process process) => _process = process;

    public bool HasExited => _process.HasExited;

    /// <summary>The port the SMTP listener bound.</summary>
    public int SmtpPort => _smtpPort.Task.IsCompletedSuccessfully ? _smtpPort.Task.Result : throw new InvalidOperationException("The listener has not started.");

    /// <summary>The last lines the process wrote (standard output and error), for failure messages.</summary>
    public string Tail
    {
        get
        {
            lock (_lock)
            {
                return string.Join('\n', _tail);
            }
        }
    }

    /// <summary>The built executable next to this assembly.</summary>
    public static string Executable()
    {
        var path = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "tldops.exe" : "tldops");
        return File.Exists(path) ? path : throw new FileNotFoundException("The tldops executable is not next to the tests; build tests/TldOps.Server.Tests (it references the server).", path);
    }

    /// <summary>
    /// Starts <c>tldops --data DATA [--db DB] serve --urls http://127.0.0.1:0 --smtp 127.0.0.1:0 ARGS</c>
    /// with <paramref name="environment"/> added to this process's environment, and waits (at most a
    /// minute) until its SMTP listener is bound.
    /// </summary>
    public static async Task<ServeProcess> StartAsync(string dataDirectory, string? db, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo(Executable())
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // No operator's appsettings.json from wherever the tests run.
            WorkingDirectory = dataDirectory,
        };
        foreach (var arg in new[] { "--data", dataDirectory }.Concat(db is null ? [] : ["--db", db])
            .Concat(["serve", "--urls", "http://127.0.0.1:0", "--smtp", "127.0.0.1:0"]).Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var serve = new ServeProcess(process);
        process.OutputDataReceived += (_, e) => serve.Record(e.Data);
        process.ErrorDataReceived += (_, e) => serve.Record(e.Data);
        process.Exited += (_, _) => serve._smtpPort.TrySetException(new InvalidOperationException("tldops serve exited before its listener started."));
        process.EnableRaisingEvents = true;
        if (!process.Start())
        {
            throw new InvalidOperationException("tldops serve did not start.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await serve._smtpPort.Task.WaitAsync(TimeSpan.FromSeconds(60));
            return serve;
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
            await serve.DisposeAsync();
            throw new InvalidOperationException($"tldops serve did not start listening: {ex.Message}\n{serve.Tail}", ex);
        }
    }

    /// <summary>kill -9: no shutdown code runs; leases, half-sent copies and unrecorded outcomes stay as they were.</summary>
    public void KillHard()
    {
        try
        {
            // On Unix, Process.Kill sends SIGKILL.
            _process.Kill(entireProcessTree: false);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>Waits (bounded) for the process to end.</summary>
    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancellation.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _process.WaitForExitAsync(cancellation.Token);
        }

        _process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            _tail.Enqueue(line);
            if (_tail.Count > TailLines)
            {
                _tail.Dequeue();
            }
        }

        if (ListeningLine().Match(line) is { Success: true } match)
        {
            _smtpPort.TrySetResult(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
        }
    }

    // ListListener's start-up line: "Listening on SMTP 127.0.0.1:PORT for tld-ops@… and its -request, …".
    [GeneratedRegex(@"Listening on SMTP 127\.0\.0\.1:(\d+) for ")]
    private static partial Regex ListeningLine();
}
