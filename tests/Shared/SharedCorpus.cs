namespace TldOps.Testing;

/// <summary>Locates ../shared/corpora (third-party test data that is never shipped).</summary>
public static class SharedCorpus
{
    /// <summary>The corpora folder: TLDOPS_CORPORA if set, else the nearest ancestor's shared/corpora.</summary>
    public static string Root { get; } = Locate();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>The repository root (the folder holding TldOps.slnx).</summary>
    public static string RepositoryRoot { get; } = LocateRepository();

    private static string Locate()
    {
        var fromEnv = Environment.GetEnvironmentVariable("TLDOPS_CORPORA");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            return fromEnv;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "corpora");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        // CI clones the repository elsewhere on this machine; the corpora stay beside the
        // developers' checkout.
        const string WellKnown = "/work/shared/corpora";
        if (Directory.Exists(WellKnown))
        {
            return WellKnown;
        }

        throw new DirectoryNotFoundException(
            "shared/corpora not found above the test folder; set TLDOPS_CORPORA to its path.");
    }

    private static string LocateRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TldOps.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("TldOps.slnx not found above the test folder.");
    }
}
