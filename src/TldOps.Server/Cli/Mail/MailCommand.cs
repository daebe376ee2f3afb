using System.CommandLine;

namespace TldOps.Server.Cli.Mail;

/// <summary><c>tldops mail …</c>: send a message, or run a recording SMTP sink.</summary>
internal static class MailCommand
{
    public static Command Create()
    {
        var command = new Command("mail", "Send mail over SMTP, or run a small recording SMTP server.");
        command.Subcommands.Add(MailSendCommand.Create());
        command.Subcommands.Add(MailSinkCommand.Create());
        return command;
    }
}
