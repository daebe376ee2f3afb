using System.CommandLine;
using TldOps.Mail.Inspection;
using TldOps.Mail.Mime;

namespace TldOps.Server.Cli.Mail;

/// <summary>
/// <c>tldops mail …</c>: tools for mail. <c>mail send</c> and <c>mail sink</c> (SMTP) live in
/// their own files; <c>mail inspect FILE [--mbox]</c> prints
/// what TldOps.Mail reads in a message (or every message of an mbox) as JSON, exactly as
/// <see cref="MessageInspector"/> produces it; the differential tests compare the same JSON.
/// </summary>
internal static class MailCommand
{
    public static Command Create()
    {
        var command = new Command("mail", "Tools for mail: inspect messages on disk, send one over SMTP, run a recording SMTP server.");
        command.Subcommands.Add(CreateInspect());
        command.Subcommands.Add(MailSendCommand.Create());
        command.Subcommands.Add(MailSinkCommand.Create());
        return command;
    }

    private static Command CreateInspect()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The message (RFC 5322, any line endings) or, with --mbox, the mbox file." };
        var mbox = new Option<bool>("--mbox") { Description = "Split FILE as an mbox and print a JSON array, one object per message." };
        var command = new Command(
            "inspect",
            "Print a message's header fields (unfolded, RFC 2047-decoded) and every MIME entity (type, charset, disposition, file name, size and SHA-256 of the decoded bytes, text) as JSON.");
        command.Arguments.Add(file);
        command.Options.Add(mbox);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var path = parseResult.GetValue(file)!.FullName;
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            try
            {
                var json = await MessageInspector.InspectFileAsync(path, parseResult.GetValue(mbox), cancellationToken: cancellationToken);
                await output.WriteLineAsync(json.AsMemory(), cancellationToken);
                return ExitCodes.Success;
            }
            catch (MimeFormatException exception)
            {
                await error.WriteLineAsync($"tldops: {path}: {exception.Message}");
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"tldops: {path}: cannot read the file: {exception.Message}");
            }

            return ExitCodes.Failure;
        });
        return command;
    }
}
