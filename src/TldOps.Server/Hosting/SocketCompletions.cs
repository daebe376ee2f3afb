using TldOps.Core.Storage;

namespace TldOps.Server.Hosting;

/// <summary>
/// How .NET runs the code that waits on a socket. By default the socket event thread hands every
/// completion to the thread pool, which costs a thread wake-up and a context switch per reply: in
/// a fan-out, one per copy (bench/README.md). <c>tldops serve</c> on SQLite lets the event
/// threads (one per core) run those continuations themselves, which .NET offers through the
/// environment variable <see cref="Variable"/>, read once when the process opens its first
/// socket. The code that may then run on an event thread does not block it for long: SQLite
/// transactions and the SMTP listener's receivers move to the thread pool first
/// (<c>ThreadPoolHop</c>), and Kestrel schedules its own work.
/// <para>
/// Not on PostgreSQL: there every database reply would continue on the two event threads, and
/// with it nearly all the server's work, one piece after another (the test suite run that way
/// timed out on connections it could not get to). An operator who sets the variable keeps that
/// choice, 0 or 1, whatever the database.
/// </para>
/// </summary>
public static class SocketCompletions
{
    /// <summary>The variable .NET reads when the process opens its first socket.</summary>
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>
    /// True in the <c>tldops</c> executable (Program.cs), where no socket exists before the command
    /// runs. Commands run inside another process (tests) leave that process as it is.
    /// </summary>
    public static bool OwnsProcess { get; set; }

    /// <summary>Whether this process runs socket continuations on the event threads (what .NET will read).</summary>
    public static bool Inline => Environment.GetEnvironmentVariable(Variable) == "1";

    /// <summary>The value to set, or null to leave .NET's default: the operator's if any, else 1 on SQLite.</summary>
    public static string? Choose(string? configured, SqlDialect dialect) =>
        !string.IsNullOrEmpty(configured) ? configured : dialect == SqlDialect.Sqlite ? "1" : null;

    /// <summary>Applies <see cref="Choose"/> to this process when it is the executable's own; call before any socket is opened.</summary>
    public static void Apply(SqlDialect dialect)
    {
        if (OwnsProcess && Choose(Environment.GetEnvironmentVariable(Variable), dialect) is { } value)
        {
            Environment.SetEnvironmentVariable(Variable, value);
        }
    }
}
