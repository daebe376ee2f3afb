using System.Text;

namespace TldOps.Bench.Mime;

/// <summary>
/// The inputs of the MIME benchmarks, the same bytes for .NET and Python: every message of
/// ../shared/corpora/mime, and a large mbox generated from them (deterministically, so the
/// benchmark process and the host that runs Python see the same file).
/// </summary>
internal static class MimeBenchData
{
    /// <summary>About 64 MiB of mbox: large enough that per-message overhead does not dominate.</summary>
    private const int MboxTargetBytes = 64 * 1024 * 1024;

    public static string CorporaFolder
    {
        get
        {
            var fromEnv = Environment.GetEnvironmentVariable("TLDOPS_CORPORA");
            if (!string.IsNullOrEmpty(fromEnv))
            {
                return Path.Combine(fromEnv, "mime");
            }

            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "corpora", "mime");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }

            return "/work/shared/corpora/mime";
        }
    }

    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "TldOps.slnx")))
                {
                    return dir.FullName;
                }
            }

            throw new DirectoryNotFoundException("TldOps.slnx not found above the benchmark folder.");
        }
    }

    /// <summary>The corpus messages (mbox files and the notes left out).</summary>
    public static IReadOnlyList<string> CorpusFiles() => Directory.GetFiles(CorporaFolder)
        .Where(p => Path.GetFileName(p) is not ("MANIFEST.tsv" or "SOURCES.md"))
        .Where(p => !p.EndsWith(".mbox", StringComparison.Ordinal) && !p.EndsWith(".mbox.txt", StringComparison.Ordinal) && !p.EndsWith("mbox.rlug", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>Writes (once) the generated mbox and returns its path.</summary>
    public static string MboxPath()
    {
        var folder = Path.Combine(Path.GetTempPath(), "tldops-bench-mime");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "generated.mbox");
        if (File.Exists(path) && new FileInfo(path).Length >= MboxTargetBytes)
        {
            return path;
        }

        var messages = CorpusFiles().Select(File.ReadAllBytes).Where(b => b.Length is > 0 and < 256 * 1024).ToList();
        var temporary = path + ".tmp";
        using (var output = File.Create(temporary))
        {
            var written = 0L;
            for (var round = 0; written < MboxTargetBytes; round++)
            {
                foreach (var message in messages)
                {
                    var envelope = Encoding.ASCII.GetBytes($"From bench-{round}@tld-ops.example Mon Jan  1 00:00:00 2024\n");
                    output.Write(envelope);
                    output.Write(message);
                    output.Write("\n\n"u8);
                    written += envelope.Length + message.Length + 2;
                }
            }
        }

        File.Move(temporary, path, overwrite: true);
        return path;
    }
}
