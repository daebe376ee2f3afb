using TldOps.Testing;

namespace TldOps.Core.Tests.Registry.Iana;

/// <summary>The iana-whois corpus: every answer file, with the folder it is in.</summary>
internal static class IanaCorpus
{
    public static string Root => SharedCorpus.PathOf("iana-whois");

    /// <summary>Every whois answer (the corpus' SOURCES.md and MANIFEST.tsv are not answers).</summary>
    public static IReadOnlyList<string> AllAnswerFiles() =>
        Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).Contains('.', StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

    public static string Current(string name) => Path.Combine(Root, name);

    public static string Legacy(string name) => Path.Combine(Root, "old-format", name);

    public static string Retired(string name) => Path.Combine(Root, "retired", name);

    /// <summary>The path relative to the corpus root, for test names and messages.</summary>
    public static string Relative(string path) => Path.GetRelativePath(Root, path);
}
