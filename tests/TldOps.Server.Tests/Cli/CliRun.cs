using TldOps.Server.Cli;

namespace TldOps.Server.Tests.Cli;

/// <summary>Runs a `tldops` command in-process, capturing what it prints.</summary>
internal static class CliRun
{
    public static async Task<(int ExitCode, string Output, string Error)> InvokeAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await TldOpsCommandLine.InvokeAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
