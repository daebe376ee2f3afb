using TldOps.Mail.Mime;
using TldOps.Mail.Smtp.Sink;

namespace TldOps.Browser.Tests;

/// <summary>Mail out of the portal's list, as the recording sink received it (<see cref="TldOps.Testing.ListPosting"/> posts to it).</summary>
internal static class ListMail
{
    /// <summary>
    /// The first message the sink received for <paramref name="recipient"/> that <paramref name="matches"/>,
    /// waiting for it at most 30 s (polling every 100 ms).
    /// </summary>
    public static async Task<MimeMessage> DeliveredAsync(SmtpSink sink, string recipient, Func<MimeMessage, bool> matches, string what)
    {
        for (var i = 0; i < 300; i++)
        {
            foreach (var received in sink.Messages)
            {
                if (received.Envelope.Recipients.Any(r => string.Equals(r.Address, recipient, StringComparison.OrdinalIgnoreCase)))
                {
                    var message = MimeMessage.Load(received.Content.ToArray());
                    if (matches(message))
                    {
                        return message;
                    }
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The sink received no {what} for {recipient}.");
    }
}
