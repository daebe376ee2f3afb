namespace TldOps.Core.Membership.Accounts;

/// <summary>
/// The portal addresses that account mails and console messages point to, under the public base
/// URL (the server's <c>Portal:PublicUrl</c>). Tokens travel in the query string: they are the
/// only secrets that may appear in a URL.
/// </summary>
public sealed class AccountLinks(string publicBaseUrl)
{
    private readonly string _base = (publicBaseUrl ?? throw new ArgumentNullException(nameof(publicBaseUrl))).TrimEnd('/');

    /// <summary>The magic login link, opening in <paramref name="language"/>.</summary>
    public string Login(string token, string language) => $"{_base}/{language}/login/link?token={Uri.EscapeDataString(token)}";

    /// <summary>The one-time link that enrols the first committee member.</summary>
    public string Enrolment(string token) => $"{_base}/en/enrol?token={Uri.EscapeDataString(token)}";

    /// <summary>The login page.</summary>
    public string LoginPage(string language) => $"{_base}/{language}/login";
}
