using System.Diagnostics;
using System.Globalization;

namespace TldOps.Bench.Fanout;

/// <summary>
/// The ceiling blast from a process of its own, as the server sends from its own process: the
/// sink's replies then wake another process, as they do for <c>tldops serve</c>, where a blast
/// from inside the bench shares the sink's threads. One child lives for the whole bench run
/// (warmed up once, like the server between its posts) and takes commands on its standard input,
/// one per line: <c>copy PATH</c> (the bytes to send), <c>blast N</c> (answers <c>sent</c> once every
/// send completed, or <c>error …</c>), <c>quit</c>.
/// </summary>
internal sealed class BlastProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromMinutes(5);

    private readonly Process _process;
    private readonly string _copyFile = Path.Combine(Path.GetTempPath(), $"tldops-blast-{Guid.NewGuid():N}.eml");

    private BlastProcess(Process process) => _process = process;

    /// <summary>The child's processor time so far (for --verbose).</summary>
    public TimeSpan ProcessorTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    public int Id => _process.Id;

    /// <summary>Starts the child (this same program, <c>blast-child</c>) for the sink on <paramref name="sinkPort"/>.</summary>
    public static async Task<BlastProcess> StartAsync(int sinkPort, int connections, int concurrency)
    {
        var start = new ProcessStartInfo
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
        };
        // Run as this program was run: through its apphost, or through "dotnet" and the assembly.
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("The bench's own path is unknown.");
        start.FileName = host;
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(typeof(BlastProcess).Assembly.Location);
        }

        foreach (var argument in new[] { "blast-child", sinkPort.ToString(CultureInfo.InvariantCulture), connections.ToString(CultureInfo.InvariantCulture), concurrency.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The blast process did not start.");
        var child = new BlastProcess(process);
        await child.ExpectAsync("ready");
        return child;
    }

    /// <summary>Hands the child the bytes every copy of the next blasts carries.</summary>
    public async Task LoadAsync(byte[] copy)
    {
        await File.WriteAllBytesAsync(_copyFile, copy);
        await _process.StandardInput.WriteLineAsync($"copy {_copyFile}");
        await _process.StandardInput.FlushAsync();
        await ExpectAsync("ok");
    }

    /// <summary>
    /// Blasts N copies to the sink and returns the Stopwatch timestamp taken just before the
    /// command went out; the caller waits for the N-th arrival at the sink.
    /// </summary>
    public async Task<long> BlastAsync(int n)
    {
        var start = Stopwatch.GetTimestamp();
        await _process.StandardInput.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"blast {n}"));
        await _process.StandardInput.FlushAsync();
        await ExpectAsync("sent");
        return start;
    }

    private async Task ExpectAsync(string expected)
    {
        var line = await _process.StandardOutput.ReadLineAsync().WaitAsync(ReplyTimeout);
        if (line != expected)
        {
            throw new InvalidOperationException($"The blast process answered \"{line ?? "(it ended)"}\" instead of \"{expected}\".");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                await _process.StandardInput.WriteLineAsync("quit");
                await _process.StandardInput.FlushAsync();
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (Exception ex) when (ex is IOException or TimeoutException)
        {
            _process.Kill(entireProcessTree: true);
        }
        finally
        {
            _process.Dispose();
            File.Delete(_copyFile);
        }
    }

    /// <summary>The child's side: <c>blast-child SINKPORT CONNECTIONS CONCURRENCY</c>, then commands on standard input.</summary>
    public static async Task<int> RunChildAsync(string[] args)
    {
        if (args.Length != 3
            || !int.TryParse(args[0], CultureInfo.InvariantCulture, out var port)
            || !int.TryParse(args[1], CultureInfo.InvariantCulture, out var connections)
            || !int.TryParse(args[2], CultureInfo.InvariantCulture, out var concurrency))
        {
            await Console.Error.WriteLineAsync("usage: blast-child SINKPORT CONNECTIONS CONCURRENCY");
            return 2;
        }

        byte[]? copy = null;
        Console.WriteLine("ready");
        while (await Console.In.ReadLineAsync() is { } line && line != "quit")
        {
            try
            {
                if (line.StartsWith("copy ", StringComparison.Ordinal))
                {
                    copy = await File.ReadAllBytesAsync(line[5..]);
                    Console.WriteLine("ok");
                }
                else if (line.StartsWith("blast ", StringComparison.Ordinal) && int.TryParse(line[6..], CultureInfo.InvariantCulture, out var n) && copy is not null)
                {
                    await Blast.SendAsync(port, copy, n, connections, concurrency);
                    Console.WriteLine("sent");
                }
                else
                {
                    Console.WriteLine($"error: not understood (or no copy loaded yet): {line}");
                }
            }
            catch (Exception ex) when (ex is IOException or TldOps.Mail.Smtp.Client.SmtpException)
            {
                Console.WriteLine($"error: {ex.GetType().Name}: {ex.Message.ReplaceLineEndings(" ")}");
            }
        }

        return 0;
    }
}
