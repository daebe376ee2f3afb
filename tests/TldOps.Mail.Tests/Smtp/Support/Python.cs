namespace TldOps.Mail.Tests.Smtp.Support;

/// <summary>Finds a python3 that has what a test needs (the pyenv one on PATH may lack Debian's modules).</summary>
internal static class Python
{
    private static readonly Lazy<string?> WithAiosmtpd = new(() => FindWith("aiosmtpd"));

    /// <summary>A python3 that can import aiosmtpd, or null.</summary>
    public static string? Aiosmtpd => WithAiosmtpd.Value;

    /// <summary>A python3 on PATH (or Debian's), or null.</summary>
    public static string? Any => TldOps.Testing.RealComponent.Find("python3");

    private static string? FindWith(string module)
    {
        var candidates = new[] { TldOps.Testing.RealComponent.Find("python3"), "/usr/bin/python3" }
            .Where(p => p is not null && File.Exists(p))
            .Distinct();
        foreach (var python in candidates)
        {
            var result = ExternalProcess.RunAsync(python!, ["-c", $"import {module}"], timeout: TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
            if (result.ExitCode == 0)
            {
                return python;
            }
        }

        return null;
    }
}

/// <summary>A fact that needs Python's aiosmtpd: skipped with an install hint, failing under CI=true.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class RequiresAiosmtpdFactAttribute : FactAttribute
{
    public RequiresAiosmtpdFactAttribute()
    {
        if (!TldOps.Testing.RealComponent.IsCi && Python.Aiosmtpd is null)
        {
            Skip = "needs python3 with aiosmtpd: install with 'apt-get install python3-aiosmtpd' (under CI=true this is a failure)";
        }
    }
}
