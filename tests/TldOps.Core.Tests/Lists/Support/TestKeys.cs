using TldOps.Core.Lists.Dkim;

namespace TldOps.Core.Tests.Lists.Support;

/// <summary>One list DKIM key for the whole test run (RSA key generation is slow on a shared machine).</summary>
internal static class TestKeys
{
    private static readonly Lazy<string> Folder = new(() =>
    {
        var folder = Path.Combine(Path.GetTempPath(), $"tldops-test-dkim-{Environment.ProcessId}");
        using var key = ListDkimKey.LoadOrCreate(folder, "tldops", "lists.example");
        return folder;
    });

    /// <summary>The list's key for lists.example (selector tldops); the caller disposes it.</summary>
    public static ListDkimKey ListKey() => ListDkimKey.LoadOrCreate(Folder.Value, "tldops", "lists.example");
}
