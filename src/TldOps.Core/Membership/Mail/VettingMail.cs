namespace TldOps.Core.Membership.Mail;

/// <summary>A mail vetting sends: recipients, the language it is written in, subject and body, and what it belongs to.</summary>
/// <param name="To">The To addresses (also the envelope recipients, with <paramref name="Cc"/>).</param>
/// <param name="Language">The language of the text (Content-Language).</param>
/// <param name="Subject">The subject.</param>
/// <param name="Body">The plain-text body.</param>
/// <param name="Correlation">What it belongs to ("join:17", "member:ab12…").</param>
/// <param name="Cc">Cc addresses.</param>
public sealed record VettingMail(
    IReadOnlyList<string> To,
    string Language,
    string Subject,
    string Body,
    string Correlation,
    IReadOnlyList<string>? Cc = null);
