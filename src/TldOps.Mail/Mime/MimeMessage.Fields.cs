using TldOps.Mail.Addresses;

namespace TldOps.Mail.Mime;

public sealed partial class MimeMessage
{
    /// <summary>The decoded Subject, or null. Setting replaces the field (encoded and folded).</summary>
    public string? Subject
    {
        get => Headers["Subject"];
        set
        {
            if (value is null)
            {
                Headers.Remove("Subject");
            }
            else
            {
                Headers.Replace("Subject", value);
            }
        }
    }

    /// <summary>The From addresses (empty when the field is absent or unreadable).</summary>
    public IReadOnlyList<InternetAddress> From => GetAddresses("From");

    /// <summary>The To addresses (empty when absent or unreadable).</summary>
    public IReadOnlyList<InternetAddress> To => GetAddresses("To");

    /// <summary>The Cc addresses (empty when absent or unreadable).</summary>
    public IReadOnlyList<InternetAddress> Cc => GetAddresses("Cc");

    /// <summary>The Reply-To addresses (empty when absent or unreadable).</summary>
    public IReadOnlyList<InternetAddress> ReplyTo => GetAddresses("Reply-To");

    /// <summary>The Sender mailbox, or null.</summary>
    public MailboxAddress? Sender => GetAddresses("Sender").OfType<MailboxAddress>().FirstOrDefault();

    /// <summary>The Date, or null when absent or unreadable.</summary>
    public DateTimeOffset? Date => MailDate.TryParse(Headers.Find("Date")?.UnfoldedText, out var date) ? date : null;

    /// <summary>The Message-ID without angle brackets, or null.</summary>
    public string? MessageId => Headers.Find("Message-ID")?.UnfoldedText.Trim().Trim('<', '>').Trim() is { Length: > 0 } id ? id : null;

    /// <summary>The first text/plain part that is not an attachment (embedded messages are not searched), or null.</summary>
    public MimePart? TextBody => FindBody("plain");

    /// <summary>The first text/html part that is not an attachment (embedded messages are not searched), or null.</summary>
    public MimePart? HtmlBody => FindBody("html");

    /// <summary>The leaves that are attachments: disposition "attachment", or a file name outside the text bodies.</summary>
    public IEnumerable<MimePart> Attachments
    {
        get
        {
            var text = TextBody;
            var html = HtmlBody;
            return Leaves().Where(p => p.IsAttachment || (p.FileName is not null && p != text && p != html));
        }
    }

    /// <summary>
    /// The addresses of an address field; empty when it is absent, and when it cannot be read
    /// (use <see cref="AddressParser"/> on the field to see why).
    /// </summary>
    /// <param name="field">The field name (From, To, Cc, Bcc, Reply-To, Resent-To…).</param>
    /// <returns>The addresses of the first such field.</returns>
    public IReadOnlyList<InternetAddress> GetAddresses(string field)
    {
        var header = Headers.Find(field);
        return header is not null && AddressParser.Default.TryParseList(header.UnfoldedText, out var addresses) ? addresses : [];
    }

    /// <summary>
    /// Adds a part at the end of the message, as a list server adds its footer: appended to a
    /// multipart/mixed root, or else the root is wrapped into a new multipart/mixed whose
    /// first part is the old body — untouched, so a PGP/MIME or S/MIME signature over it stays
    /// valid. When wrapping, the old body keeps its Content-* fields and the message keeps
    /// all the others.
    /// </summary>
    /// <param name="footer">The part to add (e.g. a text/plain footer).</param>
    /// <param name="random">Randomness for the new boundary.</param>
    public void AppendFooter(MimeEntity footer, Random random)
    {
        ArgumentNullException.ThrowIfNull(footer);
        ArgumentNullException.ThrowIfNull(random);
        if (Body is Multipart mixed && mixed.ContentType.Is("multipart", "mixed"))
        {
            mixed.Add(footer);
            return;
        }

        var inner = Body;
        var wrapper = new Multipart("mixed", MimeBoundary.Create(random), inner.Headers.FormatOptions);
        var moved = inner.Headers.Where(h => !h.Name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase)).ToList();
        for (var i = 0; i < moved.Count; i++)
        {
            inner.Headers.Remove(moved[i]);
            wrapper.Headers.Insert(i, moved[i]);
        }

        if (inner.HeaderSeparator is { IsEmpty: true })
        {
            // The old body ended its fields without a blank line (at the end of input): inside
            // a multipart it needs one.
            inner.HeaderSeparator = null;
        }

        wrapper.Add(inner);
        wrapper.Add(footer);
        Body = wrapper;
    }

    private MimePart? FindBody(string subtype) =>
        Leaves().FirstOrDefault(p => p.ContentType.Is("text", subtype) && !p.IsAttachment);

    /// <summary>The leaves of this message, depth first, not entering embedded messages.</summary>
    private IEnumerable<MimePart> Leaves()
    {
        var stack = new Stack<MimeEntity>();
        stack.Push(Body);
        while (stack.Count > 0)
        {
            switch (stack.Pop())
            {
                case MimePart part:
                    yield return part;
                    break;
                case Multipart multipart:
                    for (var i = multipart.Count - 1; i >= 0; i--)
                    {
                        stack.Push(multipart[i]);
                    }

                    break;
            }
        }
    }
}
