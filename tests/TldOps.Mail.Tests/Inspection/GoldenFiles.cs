using TldOps.Mail.Inspection;
using TldOps.Mail.Mbox;
using TldOps.Mail.Mime;
using TldOps.Testing;

namespace TldOps.Mail.Tests.Inspection;

/// <summary>
/// The checked-in inspect output of every corpus file, in tests/TldOps.Mail.Tests/Mime/Golden/.
/// Regenerate deliberately with <c>TLDOPS_REGENERATE_GOLDEN=1 dotnet test --filter GoldenTests</c>
/// and review the diff before committing.
/// </summary>
internal static class GoldenFiles
{
    public static string Folder => Path.Combine(SharedCorpus.RepositoryRoot, "tests", "TldOps.Mail.Tests", "Mime", "Golden");

    public static bool Regenerate =>
        Environment.GetEnvironmentVariable("TLDOPS_REGENERATE_GOLDEN") == "1";

    public static string PathOf(string corpusName) => Path.Combine(Folder, corpusName + ".json");

    /// <summary>What <c>tldops mail inspect</c> prints for a corpus file (with --mbox for mbox files).</summary>
    public static string Inspect(string corpusName)
    {
        var bytes = MimeCorpus.Read(corpusName);
        if (!MimeCorpus.IsMbox(corpusName))
        {
            return MessageInspector.ToJson(MimeMessage.Load(bytes));
        }

        var messages = new MboxReader().Split(bytes).Select(e => MimeMessage.Load(e.Data));
        return MessageInspector.ToJson(messages);
    }
}
