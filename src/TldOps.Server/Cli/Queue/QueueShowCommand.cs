using System.CommandLine;
using System.Globalization;
using System.Text;
using TldOps.Core.Storage.Queues;

namespace TldOps.Server.Cli.Queue;

/// <summary><c>tldops queue show ID [--raw]</c>: one entry with its error and message.</summary>
internal static class QueueShowCommand
{
    /// <summary>How much of the message head is shown without --raw.</summary>
    private const int HeadBytes = 4096;

    public static Command Create()
    {
        var id = new Argument<long>("ID") { Description = "The entry id (from `tldops queue list`)." };
        var raw = new Option<bool>("--raw") { Description = "Print the whole stored message, byte for byte, instead of the entry." };
        var command = new Command("show", "Show one queue entry: envelope, state, attempts, last error and the message header.");
        command.Arguments.Add(id);
        command.Options.Add(raw);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var runtime = await CliRuntime.StartAsync(parseResult, cancellationToken);
            var entry = await runtime.Get<QueueStore>().GetAsync(parseResult.GetValue(id), cancellationToken);
            if (entry is null)
            {
                runtime.Error.WriteLine($"No queue entry {parseResult.GetValue(id)}.");
                return ExitCodes.Failure;
            }

            var message = entry.MessageId is { } messageId ? await runtime.Get<MessageStore>().GetAsync(messageId, cancellationToken) : null;
            if (parseResult.GetValue(raw))
            {
                if (message is null)
                {
                    runtime.Error.WriteLine($"Entry {entry.Id} has no stored message.");
                    return ExitCodes.Failure;
                }

                await using var stdout = Console.OpenStandardOutput();
                if (ReferenceEquals(runtime.Output, Console.Out))
                {
                    await stdout.WriteAsync(message, cancellationToken);
                }
                else
                {
                    await runtime.Output.WriteAsync(Encoding.Latin1.GetString(message));
                }

                return ExitCodes.Success;
            }

            var o = runtime.Output;
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"entry       {entry.Id}"));
            o.WriteLine($"queue       {entry.Queue}{(entry.OriginQueue is null ? string.Empty : $" (from {entry.OriginQueue})")}");
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"state       {entry.State}, priority {entry.Priority}, {entry.Attempts} attempt(s)"));
            o.WriteLine($"created     {entry.CreatedAt.UtcDateTime:u}; updated {entry.UpdatedAt.UtcDateTime:u}; due {entry.NotBefore.UtcDateTime:u}");
            o.WriteLine($"sender      {entry.Sender ?? "-"}");
            o.WriteLine($"recipients  {entry.Recipient ?? string.Join(", ", entry.RecipientList)}");
            o.WriteLine($"belongs to  {entry.Correlation ?? "-"}");
            o.WriteLine($"lease       {(entry.LeaseOwner is null ? "-" : $"{entry.LeaseOwner} until {entry.LeaseUntil?.UtcDateTime:u}")}");
            o.WriteLine($"last reply  {entry.Reply ?? "-"}");
            o.WriteLine($"last error  {entry.LastError ?? "-"}");
            if (message is not null)
            {
                o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"message     {message.Length} bytes; header:"));
                o.WriteLine(Head(message));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static string Head(byte[] message)
    {
        var span = message.AsSpan(0, Math.Min(message.Length, HeadBytes));
        var end = span.IndexOf("\n\r\n"u8) is var crlf and >= 0 ? crlf : span.IndexOf("\n\n"u8);
        var head = end >= 0 ? span[..(end + 1)] : span;
        // Header bytes may be 8-bit in any charset; show them without guessing, one char per byte.
        return "  " + Encoding.Latin1.GetString(head).ReplaceLineEndings("\n  ").TrimEnd();
    }
}
