using Microsoft.Extensions.DependencyInjection;
using TldOps.Core.Storage.Queues;
using TldOps.Mail.Mime;

namespace TldOps.Browser.Tests;

/// <summary>Reads the mail the portal queued (the virgin queue), as the recipient would find it in their inbox.</summary>
internal static class PortalMail
{
    /// <summary>The newest mail to <paramref name="recipient"/> whose text contains <paramref name="marker"/>, parsed.</summary>
    public static async Task<MimeMessage> LatestToAsync(IServiceProvider services, string recipient, string marker)
    {
        var queues = services.GetRequiredService<QueueStore>();
        var messages = services.GetRequiredService<MessageStore>();
        foreach (var entry in await queues.ListAsync(QueueNames.Virgin, null, limit: 500))
        {
            if (entry.RecipientList.Contains(recipient, StringComparer.OrdinalIgnoreCase))
            {
                var message = MimeMessage.Load(await messages.GetAsync(entry.MessageId!.Value));
                if (Text(message).Contains(marker, StringComparison.Ordinal))
                {
                    return message;
                }
            }
        }

        throw new InvalidOperationException($"No mail to {recipient} containing '{marker}'.");
    }

    /// <summary>The local path and query of the first link in the mail that contains <paramref name="marker"/>.</summary>
    public static string LinkPath(MimeMessage message, string marker)
    {
        var text = Text(message);
        var at = text.IndexOf(marker, StringComparison.Ordinal);
        var start = text.LastIndexOf("http", at, StringComparison.Ordinal);
        var end = text.IndexOfAny(['\r', '\n', ' '], at);
        return new Uri(text[start..(end < 0 ? text.Length : end)]).PathAndQuery;
    }

    public static string Text(MimeMessage message) =>
        message.EnumerateEntities().OfType<MimePart>().FirstOrDefault(p => p.ContentType.MediaType == "text" && p.ContentType.MediaSubtype == "plain")?.GetText()
        ?? ((MimePart)message.Body).GetText();
}
