namespace TldOps.Server.Cli;

/// <summary>Process exit codes of every command.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The work failed (bad input named in the message, a refused operation, a broken service).</summary>
    public const int Failure = 1;

    /// <summary>The command line itself is wrong (System.CommandLine's parse errors use this too).</summary>
    public const int Usage = 2;
}
