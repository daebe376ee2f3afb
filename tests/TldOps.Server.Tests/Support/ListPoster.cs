using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using TldOps.Core.Lists;
using TldOps.Core.Lists.Intake;
using TldOps.Mail.Smtp;
using TldOps.Mail.Smtp.Client;

namespace TldOps.Server.Tests.Support;

/// <summary>
/// Posts to the list of a running host through its own SMTP listener (loopback), with our SMTP
/// client, and waits for what the runners do with it.
/// </summary>
internal static class ListPoster
{
    /// <summary>Sends a plain-text post (or <paramref name="raw"/> as given) from <paramref name="from"/> to the list's posting address.</summary>
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

    /// <summary>Waits (at most 30 s, polling every 100 ms) until <paramref name="find"/> returns a value, and returns it.</summary>
    public static Task<T> WaitForAsync<T>(Func<Task<T?>> find, string what)
        where T : class =>
        PollAsync(find, $"Timed out waiting for {what}.");

    /// <summary>Waits (at most 30 s, polling every 100 ms) until <paramref name="condition"/> holds.</summary>
    public static Task WaitUntilAsync(Func<Task<bool>> condition, string what) =>
        PollAsync(async () => await condition() ? what : null, $"Timed out waiting until {what}.");

    private static async Task<T> PollAsync<T>(Func<Task<T?>> find, string timedOut)
        where T : class
    {
        for (var i = 0; i < 300; i++)
        {
            if (await find() is { } found)
            {
                return found;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException(timedOut);
    }
}
