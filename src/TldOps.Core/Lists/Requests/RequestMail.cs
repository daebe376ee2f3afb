using TldOps.Mail.Mime;

namespace TldOps.Core.Lists.Requests;

/// <summary>
/// A message received at the <c>-request</c> address, as the list engine hands it to an
/// <see cref="IRequestMailHandler"/>.
/// </summary>
/// <param name="MessageId">The Message-ID without angle brackets, or null when the message has none.</param>
/// <param name="Raw">The bytes as received.</param>
/// <param name="Message">The parsed message.</param>
/// <param name="EnvelopeSender">The SMTP MAIL FROM address; null for the null reverse-path (a bounce).</param>
/// <param name="EnvelopeRecipients">The SMTP RCPT TO addresses that led here.</param>
/// <param name="AuthenticatedDomain">
/// The domain of a valid DKIM signature aligned with the From address (DMARC relaxed alignment),
/// or null when the From domain is not authenticated.
/// </param>
/// <param name="ReceivedAt">When the listener accepted it.</param>
public sealed record RequestMail(
    string? MessageId,
    ReadOnlyMemory<byte> Raw,
    MimeMessage Message,
    string? EnvelopeSender,
    IReadOnlyList<string> EnvelopeRecipients,
    string? AuthenticatedDomain,
    DateTimeOffset ReceivedAt);
