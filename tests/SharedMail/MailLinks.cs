using TldOps.Mail.Mime;

namespace TldOps.Testing;

/// <summary>
/// The links a mail carries (login, enrolment, decision, status, reconfirmation, verification),
/// read from its plain text as the recipient would click them. A missing link fails the test.
/// </summary>
public static class MailLinks
{
    // A link ends at the end of its line, at a blank, or at the '>' of "<https://…>".
    private static readonly char[] LinkEnd = ['\r', '\n', ' ', '\t', '>'];

    /// <summary>The mail's plain text: its text/plain body, or else its single-part body.</summary>
    public static string Text(MimeMessage message) =>
        message.TextBody?.GetText() ?? ((MimePart)message.Body).GetText();

    /// <summary>The first http or https link in <paramref name="text"/>.</summary>
    public static string First(string text)
    {
        var start = text.IndexOf("http", StringComparison.Ordinal);
        Assert.True(start >= 0, "no link in: " + text);
        return LinkFrom(text, start, start);
    }

    /// <summary>The first link in the mail's text.</summary>
    public static string First(MimeMessage message) => First(Text(message));

    /// <summary>The link in <paramref name="text"/> that contains <paramref name="marker"/>, such as "action=approve" or "/verify?token=".</summary>
    public static string With(string text, string marker)
    {
        var at = text.IndexOf(marker, StringComparison.Ordinal);
        var start = at < 0 ? -1 : text.LastIndexOf("http", at, StringComparison.Ordinal);
        Assert.True(start >= 0, $"no link with '{marker}' in: " + text);
        return LinkFrom(text, start, at);
    }

    /// <summary>The link in the mail's text that contains <paramref name="marker"/>.</summary>
    public static string With(MimeMessage message, string marker) => With(Text(message), marker);

    /// <summary>The local path and query of the link in the mail that contains <paramref name="marker"/>, to open on the test host.</summary>
    public static string PathWith(MimeMessage message, string marker) => PathOf(With(message, marker));

    /// <summary>The path and query of an absolute link.</summary>
    public static string PathOf(string link) => new Uri(link).PathAndQuery;

    /// <summary>The token of the link in <paramref name="text"/> that contains <paramref name="marker"/>.</summary>
    public static string TokenWith(string text, string marker) => TokenOf(With(text, marker));

    /// <summary>The value of a link's "token" parameter, unescaped.</summary>
    public static string TokenOf(string link)
    {
        const string Parameter = "token=";
        var at = link.IndexOf(Parameter, StringComparison.Ordinal);
        Assert.True(at >= 0, "no token in: " + link);
        var start = at + Parameter.Length;
        var end = link.IndexOf('&', start);
        return Uri.UnescapeDataString(link[start..(end < 0 ? link.Length : end)]);
    }

    private static string LinkFrom(string text, int start, int searchFrom)
    {
        var end = text.IndexOfAny(LinkEnd, searchFrom);
        return text[start..(end < 0 ? text.Length : end)];
    }
}
