using System.Diagnostics;

namespace TldOps.Mail.Tests.Smtp.Support;

/// <summary>Finds a python3 that has what a test needs (the pyenv one on PATH may lack Debian's modules).</summary>
internal static class Python
{
    private static readonly Lazy<string?> WithAiosmtpd = new(() => FindWith("aiosmtpd"));

    /// <summary>A python3 that can import aiosmtpd, or null.</summary>
    public static string? Aiosmtpd => WithAiosmtpd.Value;

    private static string? FindWith(string module)
    {
        var candidates = new[] { TldOps.Testing.RealComponent.Find("python3"), "/usr/bin/python3" }
            .Where(p => p is not null && File.Exists(p))
            .Distinct();
        return candidates.FirstOrDefault(python => CanImport(python!, module));
    }

    // Synchronous on purpose: this runs in attribute constructors and lazily inside tests, where
    // blocking on an async call could deadlock on the test framework's synchronization context.
    private static bool CanImport(string python, string module)
    {
        var info = new ProcessStartInfo(python)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add($"import {module}");
        using var process = Process.Start(info)!;
        try
        {
            if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                return false;
            }

            return process.ExitCode == 0;
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
