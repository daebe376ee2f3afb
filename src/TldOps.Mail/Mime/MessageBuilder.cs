using System.Globalization;
using TldOps.Mail.Addresses;

namespace TldOps.Mail.Mime;

/// <summary>
/// Composes new messages: a text body, an optional HTML alternative, attachments, and header
/// fields encoded and folded as <see cref="FormatOptions"/> says (7-bit clean by default,
/// raw UTF-8 and 8-bit bodies when the peer offered SMTPUTF8 and 8BITMIME). Date comes from
/// the injected clock, Message-ID and boundaries from the injected randomness, so tests get
/// the same bytes every time.
/// </summary>
/// <remarks>
/// The structure is the usual one: text/plain; or multipart/alternative (text, then HTML);
/// inside multipart/mixed when there are attachments, which are base64 with an RFC 2231
/// file name.
/// </remarks>
public sealed class MessageBuilder
{
    private readonly TimeProvider _timeProvider;
    private readonly Random _random;
    private readonly List<(string Name, string Value)> _extraFields = [];
    private readonly List<MessageAttachment> _attachments = [];

    /// <summary>Creates a builder.</summary>
    /// <param name="timeProvider">The clock for the Date field.</param>
    /// <param name="random">Randomness for Message-ID and boundaries.</param>
    /// <param name="formatOptions">Formatting; <see cref="FormatOptions.Default"/> (CRLF, 7-bit) when null.</param>
    public MessageBuilder(TimeProvider timeProvider, Random random, FormatOptions? formatOptions = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(random);
        _timeProvider = timeProvider;
        _random = random;
        FormatOptions = formatOptions ?? FormatOptions.Default;
    }

    /// <summary>How fields and bodies are written.</summary>
    public FormatOptions FormatOptions { get; }

    /// <summary>The author (required).</summary>
    public MailboxAddress? From { get; set; }

    /// <summary>The Sender field, when the author is not the one sending (RFC 5322 §3.6.2), or null.</summary>
    public MailboxAddress? Sender { get; set; }

    /// <summary>The To recipients.</summary>
    public List<InternetAddress> To { get; } = [];

    /// <summary>The Cc recipients.</summary>
    public List<InternetAddress> Cc { get; } = [];

    /// <summary>The Reply-To addresses.</summary>
    public List<InternetAddress> ReplyTo { get; } = [];

    /// <summary>The subject (any Unicode), or null.</summary>
    public string? Subject { get; set; }

    /// <summary>The plain-text body, or null.</summary>
    public string? TextBody { get; set; }

    /// <summary>The HTML alternative, or null.</summary>
    public string? HtmlBody { get; set; }

    /// <summary>The domain after '@' in the Message-ID; the From domain when null.</summary>
    public string? MessageIdDomain { get; set; }

    /// <summary>Adds a header field (List-Id, Auto-Submitted, In-Reply-To…), written after the address fields.</summary>
    /// <param name="name">The field name.</param>
    /// <param name="value">The value (encoded and folded as needed).</param>
    /// <returns>This builder.</returns>
    public MessageBuilder AddField(string name, string value)
    {
        Header.ValidateName(name);
        ArgumentNullException.ThrowIfNull(value);
        _extraFields.Add((name, value));
        return this;
    }

    /// <summary>Adds an attachment.</summary>
    /// <param name="attachment">The attachment.</param>
    /// <returns>This builder.</returns>
    public MessageBuilder Attach(MessageAttachment attachment)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        _attachments.Add(attachment);
        return this;
    }

    /// <summary>Builds the message.</summary>
    /// <returns>A new message; <see cref="MimeMessage.WriteTo(Stream)"/> gives its bytes.</returns>
    /// <exception cref="InvalidOperationException">There is no From, or neither a text nor an HTML body.</exception>
    /// <exception cref="ArgumentException">An address needs SMTPUTF8 that <see cref="FormatOptions"/> does not allow.</exception>
    public MimeMessage Build()
    {
        if (From is null)
        {
            throw new InvalidOperationException("A message needs a From address (RFC 5322 §3.6).");
        }

        if (TextBody is null && HtmlBody is null)
        {
            throw new InvalidOperationException("A message needs a text or an HTML body.");
        }

        var root = BuildBody();
        var fields = MessageFields(From);
        for (var i = 0; i < fields.Count; i++)
        {
            root.Headers.Insert(i, fields[i]);
        }

        return new MimeMessage(root);
    }

    private MimeEntity BuildBody()
    {
        MimeEntity body;
        if (TextBody is not null && HtmlBody is not null)
        {
            var alternative = new Multipart("alternative", MimeBoundary.Create(_random), FormatOptions);
            alternative.Add(TextPart("plain", TextBody));
            alternative.Add(TextPart("html", HtmlBody));
            body = alternative;
        }
        else
        {
            body = TextBody is not null ? TextPart("plain", TextBody) : TextPart("html", HtmlBody!);
        }

        if (_attachments.Count == 0)
        {
            return body;
        }

        var mixed = new Multipart("mixed", MimeBoundary.Create(_random), FormatOptions);
        mixed.Add(body);
        foreach (var attachment in _attachments)
        {
            mixed.Add(AttachmentPart(attachment));
        }

        return mixed;
    }

    private MimePart TextPart(string subtype, string text)
    {
        var part = new MimePart(new ContentType("text", subtype), FormatOptions);
        part.SetText(text);
        return part;
    }

    private MimePart AttachmentPart(MessageAttachment attachment)
    {
        var type = attachment.ContentType ?? new ContentType("application", "octet-stream");
        var part = new MimePart(type, FormatOptions);
        var disposition = new ContentDisposition("attachment", new ParameterList([new MimeParameter("filename", attachment.FileName)]));
        part.Headers.Add(Header.CreateRaw("Content-Disposition", disposition.ToWireValue(FormatOptions.AllowUtf8Headers), FormatOptions));
        part.SetContent(attachment.Content.Span, ContentEncoding.Base64);
        return part;
    }

    private List<Header> MessageFields(MailboxAddress from)
    {
        var fields = new List<Header>
        {
            Header.CreateRaw("Date", MailDate.Format(_timeProvider.GetUtcNow()), FormatOptions),
            AddressFormatter.CreateHeader("From", [from], FormatOptions),
        };
        if (Sender is not null)
        {
            fields.Add(AddressFormatter.CreateHeader("Sender", [Sender], FormatOptions));
        }

        AddAddresses(fields, "Reply-To", ReplyTo);
        AddAddresses(fields, "To", To);
        AddAddresses(fields, "Cc", Cc);
        if (Subject is not null)
        {
            fields.Add(Header.Create("Subject", Subject, FormatOptions));
        }

        fields.Add(Header.CreateRaw("Message-ID", $"<{NewMessageId(from)}>", FormatOptions));
        fields.AddRange(_extraFields.Select(f => Header.Create(f.Name, f.Value, FormatOptions)));
        fields.Add(Header.CreateRaw("MIME-Version", "1.0", FormatOptions));
        return fields;
    }

    private void AddAddresses(List<Header> fields, string name, List<InternetAddress> addresses)
    {
        if (addresses.Count > 0)
        {
            fields.Add(AddressFormatter.CreateHeader(name, addresses, FormatOptions));
        }
    }

    private string NewMessageId(MailboxAddress from)
    {
        // RFC 5322 §3.6.4: unique left part (time and randomness), a domain we control on the right.
        var domain = MessageIdDomain ?? (from.Domain.Length > 0 ? from.ToAscii().Domain : "localhost");
        var time = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds().ToString("x", CultureInfo.InvariantCulture);
        Span<byte> bytes = stackalloc byte[12];
        _random.NextBytes(bytes);
        return $"{time}.{Convert.ToHexStringLower(bytes)}@{domain}";
    }
}
