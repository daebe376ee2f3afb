namespace TldOps.Testing;

/// <summary>
/// Finds the real programs that integration tests drive (PostgreSQL, gpg, swaks, Postfix,
/// Chromium, NSD). On a developer's machine a missing one skips the test with the package to
/// install; under <c>CI=true</c> nothing is skipped, so a missing component fails the run.
/// </summary>
public static class RealComponent
{
    /// <summary>True when the CI environment variable says so: missing components are then failures.</summary>
    public static bool IsCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The full path of an executable found on PATH (or in the sbin folders Debian uses), or null.</summary>
    public static string? Find(string executable)
    {
        if (Path.IsPathRooted(executable))
        {
            return File.Exists(executable) ? executable : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        var folders = path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/sbin", "/usr/local/sbin"]);
        foreach (var folder in folders)
        {
            var candidate = Path.Combine(folder, executable);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The path of a required executable; throws with the install hint when it is absent.</summary>
    public static string Require(string executable, string debianPackage)
    {
        return Find(executable)
            ?? throw new InvalidOperationException(
                $"'{executable}' is not on PATH: install it with 'apt-get install {debianPackage}'.");
    }

    /// <summary>
    /// The skip reason for a test needing these executables, or null when they are all present or
    /// when running under CI (where the test must run and fail loudly instead).
    /// </summary>
    public static string? SkipReason(IReadOnlyList<(string Executable, string Package)> needs)
    {
        if (IsCi)
        {
            return null;
        }

        var missing = needs.Where(n => Find(n.Executable) is null).ToList();
        if (missing.Count == 0)
        {
            return null;
        }

        var packages = string.Join(' ', missing.Select(m => m.Package).Distinct());
        var programs = string.Join(", ", missing.Select(m => m.Executable));
        return $"needs {programs} on PATH: install with 'apt-get install {packages}' (under CI=true this is a failure)";
    }
}
