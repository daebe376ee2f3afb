using System.CommandLine;

namespace TldOps.Server.Cli.Dkim;

/// <summary><c>tldops dkim …</c>: the list's DKIM key.</summary>
internal static class DkimCommand
{
    public static Command Create()
    {
        var command = new Command("dkim", "The DKIM key the list signs its mail with.");
        command.Subcommands.Add(DkimShowCommand.Create());
        return command;
    }
}
