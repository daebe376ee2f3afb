using System.Diagnostics;
using System.Text.Json;
using TldOps.Testing;

namespace TldOps.Mail.Tests.Inspection;

/// <summary>Runs Python's email package (Python/inspect_email.py) over corpus files.</summary>
internal static class PythonEmail
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static string Script => Path.Combine(SharedCorpus.RepositoryRoot, "tests", "TldOps.Mail.Tests", "Python", "inspect_email.py");

    /// <summary>Python's inspect output for each file, keyed by file name.</summary>
    public static async Task<Dictionary<string, JsonElement>> InspectAsync(IReadOnlyList<string> files, bool mbox)
    {
        var start = new ProcessStartInfo(RealComponent.Require("python3", "python3"))
        {
            WorkingDirectory = MimeCorpus.Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Script);
        if (mbox)
        {
            start.ArgumentList.Add("--mbox");
        }

        foreach (var file in files)
        {
            start.ArgumentList.Add(file);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var error = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, await error);
            using var document = JsonDocument.Parse(await output);
            return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
