using System.Text;

namespace TldOps.Mail.Tests.Inspection;

public sealed class GoldenTests
{
    [Theory]
    [MemberData(nameof(MimeCorpus.AllFileData), MemberType = typeof(MimeCorpus))]
    public void Inspect_output_matches_the_checked_in_golden_file(string name)
    {
        var actual = GoldenFiles.Inspect(name) + "\n";
        var path = GoldenFiles.PathOf(name);
        if (GoldenFiles.Regenerate)
        {
            Directory.CreateDirectory(GoldenFiles.Folder);
            File.WriteAllText(path, actual, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            return;
        }

        Assert.True(File.Exists(path), $"No golden file {path}; generate it with TLDOPS_REGENERATE_GOLDEN=1 and review it.");
        Assert.Equal(File.ReadAllText(path, Encoding.UTF8), actual);
    }

    [Fact]
    public void There_is_no_golden_file_without_a_corpus_file()
    {
        var expected = MimeCorpus.AllFiles.Select(n => n + ".json").ToHashSet(StringComparer.Ordinal);
        var stale = Directory.GetFiles(GoldenFiles.Folder).Select(Path.GetFileName).Where(n => !expected.Contains(n!)).ToList();

        Assert.Empty(stale);
    }
}
