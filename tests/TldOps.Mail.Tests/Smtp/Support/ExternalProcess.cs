using System.Diagnostics;
using System.Text;

namespace TldOps.Mail.Tests.Smtp.Support;

/// <summary>What a finished program left behind.</summary>
internal sealed record ProcessResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}

/// <summary>
/// Runs real programs (swaks, python3, postfix) for integration tests: every run has a timeout
/// and every process is killed, with its children, when the test is done with it.
/// </summary>
internal sealed class ExternalProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();
    private readonly TaskCompletionSource<string> _firstLine = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _lines = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ExternalProcess(Process process)
    {
        _process = process;
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public string Error
    {
        get
        {
            lock (_error)
            {
                return _error.ToString();
            }
        }
    }

    /// <summary>Runs to completion (killed after <paramref name="timeout"/>, default 60 s).</summary>
    public static async Task<ProcessResult> RunAsync(string fileName, IEnumerable<string> arguments, string? standardInput = null, TimeSpan? timeout = null, IDictionary<string, string>? environment = null)
    {
        await using var process = Start(fileName, arguments, environment);
        if (standardInput is not null)
        {
            await process._process.StandardInput.WriteAsync(standardInput);
        }

        process._process.StandardInput.Close();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process._process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{fileName} did not finish within {timeout ?? TimeSpan.FromSeconds(60)}:\n{process.Output}\n{process.Error}");
        }

        // WaitForExitAsync also waits for the redirected streams to end.
        return new ProcessResult(process._process.ExitCode, process.Output, process.Error);
    }

    /// <summary>Starts a long-running program; dispose kills it.</summary>
    public static ExternalProcess Start(string fileName, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        var wrapper = new ExternalProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            wrapper._firstLine.TrySetResult(e.Data);
            TaskCompletionSource changed;
            lock (wrapper._output)
            {
                wrapper._output.AppendLine(e.Data);
                wrapper._lines.Add(e.Data);
                changed = wrapper._changed;
                wrapper._changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            changed.TrySetResult();
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (wrapper._error)
                {
                    wrapper._error.AppendLine(e.Data);
                }
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return wrapper;
    }

    /// <summary>The first line the program prints (for servers that announce their port).</summary>
    public async Task<string> ReadFirstLineAsync(TimeSpan? timeout = null)
    {
        try
        {
            return await _firstLine.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No output from {_process.StartInfo.FileName}; stderr:\n{Error}");
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Waits until the lines printed so far satisfy <paramref name="condition"/>.</summary>
    public async Task<IReadOnlyList<string>> WaitForLinesAsync(Func<IReadOnlyList<string>, bool> condition, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            Task changed;
            lock (_output)
            {
                var lines = _lines.ToArray();
                if (condition(lines))
                {
                    return lines;
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{_process.StartInfo.FileName} did not print what was expected:\n{Output}\n{Error}");
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
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(cts.Token);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }
        catch (OperationCanceledException)
        {
            // Killed but not yet reaped; the OS will.
        }
        finally
        {
            _process.Dispose();
        }
    }
}
