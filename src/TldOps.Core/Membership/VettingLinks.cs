namespace TldOps.Core.Membership;

/// <summary>
/// The portal paths that vetting's mails link to (the pages are the accounts area's; they call
/// the vetting services with the token from the query string). Paths start with the reader's
/// language so that the page opens in the language of the mail.
/// </summary>
public static class VettingLinks
{
    /// <summary>The admin contact's decision page; <paramref name="action"/> is approve, change or reject.</summary>
    public static string Decision(string language, string token, string action) => $"{language}/join/decide?token={Uri.EscapeDataString(token)}&action={action}";

    /// <summary>The requester's status page for a request.</summary>
    public static string Status(string language, string token) => $"{language}/join/status?token={Uri.EscapeDataString(token)}";

    /// <summary>The status page without a token (the requester keeps the first mail's link).</summary>
    public static string StatusPage(string language) => $"{language}/join/status";

    /// <summary>A new admin contact's reconfirmation page; <paramref name="action"/> is confirm or review.</summary>
    public static string Reconfirm(string language, string token, string action) => $"{language}/reconfirm?token={Uri.EscapeDataString(token)}&action={action}";

    /// <summary>A member's page to confirm or correct their details.</summary>
    public static string Verify(string language, string token) => $"{language}/verify?token={Uri.EscapeDataString(token)}";
}
