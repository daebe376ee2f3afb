using TldOps.Testing;

namespace TldOps.Mail.Tests;

/// <summary>The message files of ../shared/corpora/mime (top level; mbox files are listed apart).</summary>
internal static class MimeCorpus
{
    public static string Folder => SharedCorpus.PathOf("mime");

    /// <summary>Every top-level file that is a message or an mbox (not the MANIFEST/SOURCES notes).</summary>
    public static IReadOnlyList<string> AllFiles { get; } = Directory.GetFiles(Folder)
        .Select(Path.GetFileName)
        .OfType<string>()
        .Where(name => name is not ("MANIFEST.tsv" or "SOURCES.md"))
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>The files that hold several messages in mbox format.</summary>
    public static IReadOnlyList<string> MboxFiles { get; } = AllFiles.Where(IsMbox).ToList();

    /// <summary>The files that hold one message.</summary>
    public static IReadOnlyList<string> MessageFiles { get; } = AllFiles.Where(f => !IsMbox(f)).ToList();

    public static TheoryData<string> MessageFileData => ToData(MessageFiles);

    public static TheoryData<string> AllFileData => ToData(AllFiles);

    public static TheoryData<string> MboxFileData => ToData(MboxFiles);

    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(Folder, name));

    public static bool IsMbox(string name) =>
        name.EndsWith(".mbox", StringComparison.Ordinal) || name.EndsWith(".mbox.txt", StringComparison.Ordinal)
        || name == "mime4j_mbox.rlug";

    private static TheoryData<string> ToData(IEnumerable<string> names)
    {
        var data = new TheoryData<string>();
        foreach (var name in names)
        {
            data.Add(name);
        }

        return data;
    }
}
