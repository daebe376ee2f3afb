using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using TldOps.Core.Lists;
using TldOps.Core.Lists.Intake;
using TldOps.Mail.Mime;
using TldOps.Mail.Smtp;
using TldOps.Mail.Smtp.Client;
using TldOps.Mail.Smtp.Sink;

namespace TldOps.Browser.Tests;

/// <summary>Mail into the portal's list (its SMTP listener, with our SMTP client) and out of it (the recording sink).</summary>
internal static class ListMail
{
    /// <summary>Sends a plain-text post from <paramref name="from"/> to the list's posting address.</summary>
    public static async Task PostAsync(IServiceProvider services, string from, string subject, string body)
    {
        var list = services.GetRequiredService<ListOptions>().Addresses.Posting;
        var raw = Encoding.UTF8.GetBytes(
            $"From: {from}\r\nTo: {list}\r\nSubject: =?utf-8?B?{Convert.ToBase64String(Encoding.UTF8.GetBytes(subject))}?=\r\n" +
            $"Message-ID: <{Guid.NewGuid():N}@browser.test>\r\nDate: {DateTimeOffset.UtcNow.ToString("r", CultureInfo.InvariantCulture)}\r\n" +
            $"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{body}\r\n");
        var port = services.GetRequiredService<ListListener>().BoundEndpoints[0].EndPoint.Port;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var client = new SmtpClient();
        await client.ConnectAsync("127.0.0.1", port, timeout.Token);
        var result = await client.SendAsync(new SmtpEnvelope(SmtpAddress.Parse(from), [SmtpAddress.Parse(list)]), raw, timeout.Token);
        Assert.True(result.AllAccepted, string.Join("; ", result.Recipients));
        await client.QuitAsync(timeout.Token);
    }

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
