using System.CommandLine;
using TldOps.Server.Cli.Archive;
using TldOps.Server.Cli.Committee;
using TldOps.Server.Cli.Coverage;
using TldOps.Server.Cli.Db;
using TldOps.Server.Cli.Dkim;
using TldOps.Server.Cli.Held;
using TldOps.Server.Cli.Iana;
using TldOps.Server.Cli.Mail;
using TldOps.Server.Cli.Members;
using TldOps.Server.Cli.Queue;
using TldOps.Server.Cli.Repository;
using TldOps.Server.Cli.Serve;

namespace TldOps.Server.Cli;

/// <summary>
/// The <c>tldops</c> command line: one file per subcommand under Cli/, each a thin shell over a
/// service that the portal and the API also use.
/// </summary>
internal static class TldOpsCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("TldOps: the TLD-OPS incident-response community's list server, contact repository and portal.");
        root.Options.Add(GlobalOptions.Data);
        root.Options.Add(GlobalOptions.Db);
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(DbCommand.Create());
        root.Subcommands.Add(IanaCommand.Create());
        root.Subcommands.Add(CoverageCommand.Create());
        root.Subcommands.Add(MembersCommand.Create());
        root.Subcommands.Add(QueueCommand.Create());
        root.Subcommands.Add(CommitteeCommand.Create());
        root.Subcommands.Add(RepositoryCommand.Create());
        root.Subcommands.Add(MailCommand.Create());
        root.Subcommands.Add(HeldCommand.Create());
        root.Subcommands.Add(ArchiveCommand.Create());
        root.Subcommands.Add(DkimCommand.Create());
        return root;
    }

    /// <summary>Parses and runs; output and error writers can be replaced (tests run commands in-process).</summary>
    public static Task<int> InvokeAsync(string[] args, TextWriter? output = null, TextWriter? error = null, CancellationToken cancellationToken = default)
    {
        var configuration = new InvocationConfiguration
        {
            Output = output ?? Console.Out,
            Error = error ?? Console.Error,
            // SIGINT/SIGTERM cancel the running command; serve needs time to finish in-flight work.
            ProcessTerminationTimeout = TimeSpan.FromSeconds(30),
        };
        return Build().Parse(args).InvokeAsync(configuration, cancellationToken);
    }
}
