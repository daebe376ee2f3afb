using System.CommandLine;
using TldOps.Core.Lists.Dkim;

namespace TldOps.Server.Cli.Dkim;

/// <summary><c>tldops dkim show</c>: the TXT record to publish (the key is generated if there is none yet).</summary>
internal static class DkimShowCommand
{
    public static Command Create()
    {
        var command = new Command("show", "Print the DNS TXT record of the list's DKIM key, in zone-file form (generating the key on first use).");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var runtime = await CliRuntime.StartAsync(parseResult, cancellationToken, prepareDatabase: false);
            var key = runtime.Get<ListDkimKey>();
            runtime.Output.WriteLine(key.ZoneFileRecord);
            runtime.Error.WriteLine($"; key {key.KeyPath}{(key.WasCreated ? " (generated now)" : string.Empty)}; publish the record at {key.DnsName}");
            return ExitCodes.Success;
        });
        return command;
    }
}
