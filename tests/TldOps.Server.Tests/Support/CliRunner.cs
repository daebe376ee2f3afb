using TldOps.Server.Cli;

namespace TldOps.Server.Tests.Support;

/// <summary>Runs a <c>tldops</c> command in-process, capturing what it writes.</summary>
internal static class CliRunner
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var exitCode = await TldOpsCommandLine.InvokeAsync(args, output, error, timeout.Token);
        return (exitCode, output.ToString(), error.ToString());
    }
}
