using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using TldOps.Core.Lists;
using TldOps.Core.Lists.Intake;
using TldOps.Mail.Smtp;
using TldOps.Mail.Smtp.Client;

namespace TldOps.Testing;

/// <summary>Posts to the list of a running host through its own SMTP listener (loopback), with our SMTP client.</summary>
public static class ListPosting
{
    /// <summary>
    /// Sends a plain-text post (or <paramref name="raw"/> as given) from <paramref name="from"/>,
    /// named <paramref name="displayName"/> if given, to the list's posting address; fails the
    /// test unless the listener accepts it.
    /// </summary>
    public static async Task PostAsync(IServiceProvider services, string from, string? displayName, string subject, string body, string? raw = null)
    {
        var list = services.GetRequiredService<ListOptions>().Addresses.Posting;
        var sender = displayName is null ? from : $"{Encoded(displayName)} <{from}>";
        var bytes = Encoding.UTF8.GetBytes(raw ??
            $"From: {sender}\r\nTo: {list}\r\nSubject: {Encoded(subject)}\r\nMessage-ID: <{Guid.NewGuid():N}@test.example>\r\n" +
            $"Date: {DateTimeOffset.UtcNow.ToString("r", CultureInfo.InvariantCulture)}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n" +
            $"Content-Transfer-Encoding: 8bit\r\n\r\n{body}\r\n");
        var port = services.GetRequiredService<ListListener>().BoundEndpoints[0].EndPoint.Port;
        await using var client = new SmtpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await client.ConnectAsync("127.0.0.1", port, timeout.Token);
        var result = await client.SendAsync(new SmtpEnvelope(SmtpAddress.Parse(from), [SmtpAddress.Parse(list)]), bytes, timeout.Token);
        Assert.True(result.AllAccepted, string.Join("; ", result.Recipients));
        await client.QuitAsync(timeout.Token);
    }

    // RFC 2047 encoded-word for a header text that is not ASCII.
    private static string Encoded(string text) =>
        text.All(char.IsAscii) ? text : "=?utf-8?B?" + Convert.ToBase64String(Encoding.UTF8.GetBytes(text)) + "?=";
}
