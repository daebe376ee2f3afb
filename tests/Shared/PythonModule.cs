using System.Collections.Concurrent;
using System.Diagnostics;

namespace TldOps.Testing;

/// <summary>
/// Finds a Python interpreter that can import a module (Debian's python3 has the python3-*
/// packages; a python3 earlier on PATH, such as pyenv's, may not).
/// </summary>
public static class PythonModule
{
    // Each module is looked for once per test run: the attributes of every test that needs it ask.
    private static readonly ConcurrentDictionary<string, Lazy<string?>> Found = new(StringComparer.Ordinal);

    /// <summary>The first python3 (on PATH, then Debian's /usr/bin/python3) that can import <paramref name="module"/>, or null.</summary>
    public static string? Find(string module) => Found.GetOrAdd(module, m => new Lazy<string?>(() => Search(m))).Value;

    private static string? Search(string module)
    {
        foreach (var candidate in new[] { RealComponent.Find("python3"), "/usr/bin/python3" }.OfType<string>().Distinct())
        {
            if (File.Exists(candidate) && Run(candidate, ["-c", $"import {module}"], TimeSpan.FromSeconds(30)).ExitCode == 0)
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Runs a program to completion (killed after <paramref name="timeout"/>); returns its exit code and output.</summary>
    public static (int ExitCode, string Output, string Error) Run(string program, IReadOnlyList<string> arguments, TimeSpan timeout, string? input = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        try
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            process.StandardInput.Write(input ?? string.Empty);
            process.StandardInput.Close();
            if (!process.WaitForExit(timeout))
            {
                throw new TimeoutException($"{program} did not finish within {timeout}.");
            }

            return (process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}

/// <summary>A fact that needs a Python module: skipped with the install hint on a developer's machine, failing under CI=true.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresPythonModuleFactAttribute : FactAttribute
{
    public RequiresPythonModuleFactAttribute(string module, string debianPackage)
    {
        if (!RealComponent.IsCi && PythonModule.Find(module) is null)
        {
            Skip = $"needs the Python module {module}: install with 'apt-get install {debianPackage}' (under CI=true this is a failure)";
        }
    }
}
