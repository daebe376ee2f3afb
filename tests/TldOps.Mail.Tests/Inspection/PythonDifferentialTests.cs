using System.Text;
using System.Text.Json;
using TldOps.Testing;

namespace TldOps.Mail.Tests.Inspection;

/// <summary>
/// Runs Python's email package (BytesParser, policy.default) over the whole MIME corpus and
/// compares its view with ours: structure, content types, charsets, dispositions, file
/// names, decoded bytes, decoded text and header fields. Every difference must be listed in
/// <see cref="KnownDifferences"/> with its reason, and every listed difference must still occur.
/// </summary>
public sealed class PythonDifferentialTests
{
    [RequiresFact("python3=python3")]
    public async Task Python_reads_every_message_as_we_do_except_for_the_listed_differences()
    {
        var python = await PythonEmail.InspectAsync(MimeCorpus.MessageFiles, mbox: false);

        var report = Check(MimeCorpus.MessageFiles, python);

        Assert.True(report.Length == 0, report);
    }

    [RequiresFact("python3=python3")]
    public async Task Python_splits_and_reads_every_mbox_as_we_do_except_for_the_listed_differences()
    {
        var python = await PythonEmail.InspectAsync(MimeCorpus.MboxFiles, mbox: true);

        var report = Check(MimeCorpus.MboxFiles, python);

        Assert.True(report.Length == 0, report);
    }

    [Fact]
    public void The_comparison_notices_a_changed_digest_and_a_missing_part()
    {
        using var ours = JsonDocument.Parse(GoldenFiles.Inspect("cpython_msg_02.txt"));
        var changed = GoldenFiles.Inspect("cpython_msg_02.txt")
            .Replace("\"sha256\": \"", "\"sha256\": \"00", StringComparison.Ordinal);
        using var other = JsonDocument.Parse(changed);

        var found = InspectComparison.Compare(ours.RootElement, other.RootElement);

        Assert.Contains(found, d => d.Aspect == Aspect.Data);
    }

    private static string Check(IReadOnlyList<string> files, Dictionary<string, JsonElement> python)
    {
        var report = new StringBuilder();
        foreach (var file in files)
        {
            using var ours = JsonDocument.Parse(GoldenFiles.Inspect(file));
            var found = InspectComparison.Compare(ours.RootElement, python[file]);
            var known = KnownDifferences.For(file);
            foreach (var difference in found.Where(d => !known.Any(k => k.Path == d.Path && k.Aspect == d.Aspect)))
            {
                report.AppendLine($"new(\"{file}\", \"{difference.Path}\", Aspect.{difference.Aspect}, Why.<reason>), // ours: {difference.Ours} | python: {difference.Python}");
            }

            foreach (var stale in known.Where(k => !found.Any(d => d.Path == k.Path && d.Aspect == k.Aspect)))
            {
                report.AppendLine($"listed but no longer different: {file} {stale.Path} {stale.Aspect}");
            }
        }

        return report.ToString();
    }
}
