namespace TldOps.Core.Membership.Joining;

/// <summary>A request as submitted (the public form, a request mail, or the admin contact's own change page).</summary>
/// <param name="CcTld">The ccTLD as typed: ".fr", "FR", "рф", "xn--p1ai".</param>
/// <param name="Contacts">The people concerned (at most the ccTLD's cap).</param>
/// <param name="RequesterEmail">Who asks; gets the status link.</param>
/// <param name="RequesterName">Their name, optional.</param>
/// <param name="Kind">Join (default), add, change or remove.</param>
/// <param name="RequesterLanguage">The language for mail to the requester; the first contact's when null.</param>
public sealed record JoinRequestForm(
    string? CcTld,
    IReadOnlyList<JoinContactForm> Contacts,
    string? RequesterEmail,
    string? RequesterName = null,
    JoinRequestKind Kind = JoinRequestKind.Join,
    string? RequesterLanguage = null);
