using System.CommandLine;
using System.Text;
using TldOps.Core.Common;
using TldOps.Core.ContactDirectory;

namespace TldOps.Server.Cli.Repository;

/// <summary>
/// <c>tldops repository preview [--language L] [--format text|csv|vcard]</c>: prints the
/// repository as the next monthly mail would carry it (the text body, or an attachment).
/// </summary>
internal static class RepositoryPreviewCommand
{
    public static Command Create()
    {
        var languageOption = new Option<string>("--language")
        {
            Description = "Language of the headings: en, fr, es, ru, zh or ar.",
            DefaultValueFactory = _ => Language.English,
            HelpName = "LANG",
        }.AcceptOnlyFromAmong([.. Language.All]);
        var formatOption = new Option<string>("--format")
        {
            Description = "text (the mail's body, 80 columns), csv or vcard (its attachments).",
            DefaultValueFactory = _ => "text",
            HelpName = "FORMAT",
        }.AcceptOnlyFromAmong("text", "csv", "vcard");

        var command = new Command("preview", "Print the contact repository as the monthly mail would carry it.");
        command.Options.Add(languageOption);
        command.Options.Add(formatOption);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var runtime = await CliRuntime.StartAsync(parseResult, cancellationToken);
            var snapshot = await runtime.Get<ContactRepositoryService>().BuildAsync(cancellationToken);
            var output = parseResult.GetValue(formatOption) switch
            {
                "csv" => Encoding.UTF8.GetString(ContactRepositoryService.ExportCsv(snapshot)),
                "vcard" => Encoding.UTF8.GetString(ContactRepositoryService.ExportVCard(snapshot)),
                _ => ContactRepositoryService.RenderText(snapshot, parseResult.GetValue(languageOption)!),
            };
            await runtime.Output.WriteAsync(output.AsMemory(), cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }
}
