using Microsoft.Extensions.DependencyInjection;
using TldOps.Core.Storage.Queues;
using TldOps.Mail.Mime;
using TldOps.Testing;

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
                if (MailLinks.Text(message).Contains(marker, StringComparison.Ordinal))
                {
                    return message;
                }
            }
        }

        throw new InvalidOperationException($"No mail to {recipient} containing '{marker}'.");
    }
}
