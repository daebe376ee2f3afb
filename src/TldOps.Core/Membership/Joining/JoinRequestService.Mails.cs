using System.Globalization;
using System.Text;
using TldOps.Core.Membership.Mail;

namespace TldOps.Core.Membership.Joining;

// The mails of a request, in the reader's language (TextCatalog); links point at the portal
// pages the accounts area serves (VettingLinks).
public sealed partial class JoinRequestService
{
    /// <summary>A time as mails show it: "2026-12-01 06:00 UTC" (unambiguous in every language).</summary>
    internal static string When(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private VettingMail AdminRequestMail(JoinRequest request, string token, bool reminder)
    {
        var language = request.AdminLanguage;
        var values = CommonValues(request, language);
        values["admin"] = request.AdminName ?? request.AdminEmail;
        values["adminEmail"] = request.AdminEmail;
        values["country"] = catalog.Find(request.CcTld)?.Name(language) ?? Display(request.CcTld);
        values["requester"] = request.RequesterName is null ? request.RequesterEmail : $"{request.RequesterName} <{request.RequesterEmail}>";
        values["kind"] = _texts.Format(language, "kind." + request.Kind.ToCode(), values);
        values["contacts"] = ContactList(request);
        values["approve"] = options.Link(VettingLinks.Decision(language, token, "approve"));
        values["change"] = options.Link(VettingLinks.Decision(language, token, "change"));
        values["reject"] = options.Link(VettingLinks.Decision(language, token, "reject"));
        values["expires"] = When(request.ExpiresAt);
        var subject = _texts.Format(language, "join-admin.subject", values);
        var body = _texts.Format(language, "join-admin.body", values);
        if (reminder)
        {
            body = _texts.Format(language, "join-admin.reminder") + "\n\n" + body;
        }

        return new VettingMail([request.AdminEmail], language, subject, body, request.Subject);
    }

    private VettingMail RequesterMail(JoinRequest request, string statusUrl)
    {
        var language = request.RequesterLanguage;
        var values = CommonValues(request, language);
        values["requester"] = request.RequesterName ?? request.RequesterEmail;
        values["adminEmail"] = request.AdminEmail;
        values["status"] = statusUrl;
        values["expires"] = When(request.ExpiresAt);
        return new VettingMail([request.RequesterEmail], language,
            _texts.Format(language, "join-requester.subject", values), _texts.Format(language, "join-requester.body", values), request.Subject);
    }

    private VettingMail DecidedMail(JoinRequest request)
    {
        var language = request.RequesterLanguage;
        var values = CommonValues(request, language);
        values["requester"] = request.RequesterName ?? request.RequesterEmail;
        values["outcome"] = _texts.Format(language, "outcome." + request.State.ToCode());
        values["status"] = options.Link(VettingLinks.StatusPage(language));
        return new VettingMail([request.RequesterEmail], language,
            _texts.Format(language, "join-decided.subject", values), _texts.Format(language, "join-decided.body", values), request.Subject);
    }

    private VettingMail RefusalMail(JoinRequest request, string to)
    {
        var language = request.AdminLanguage;
        var values = CommonValues(request, language);
        values["adminEmail"] = request.AdminEmail;
        values["tag"] = request.DecisionTokenId;
        return new VettingMail([to], language, _texts.Format(language, "refused.subject", values), _texts.Format(language, "refused.body", values), request.Subject);
    }

    private Dictionary<string, string> CommonValues(JoinRequest request, string language) => new(StringComparer.Ordinal)
    {
        ["cctld"] = Display(request.CcTld),
        ["tag"] = request.DecisionTokenId,
        ["language"] = language,
    };

    private string StatusUrl(JoinRequest request, string token) => options.Link(VettingLinks.Status(request.RequesterLanguage, token));

    /// <summary>The contacts of a request as a mail lists them, one block each, indented.</summary>
    internal static string ContactList(JoinRequest request)
    {
        var text = new StringBuilder();
        for (var i = 0; i < request.Contacts.Count; i++)
        {
            var c = request.Contacts[i];
            text.Append(CultureInfo.InvariantCulture, $"  {i + 1}. {c.Name}");
            if (c.Role is not null)
            {
                text.Append(", ").Append(c.Role);
            }

            text.Append('\n').Append("     ").Append(c.Email).Append('\n');
            var phones = new[] { c.OfficePhone is null ? null : "office " + c.OfficePhone, c.MobilePhone is null ? null : "mobile " + c.MobilePhone }.OfType<string>().ToList();
            if (request.Kind != JoinRequestKind.Remove && phones.Count > 0)
            {
                text.Append("     ").Append(string.Join(", ", phones)).Append('\n');
            }

            if (c.KeyFingerprint is not null && request.Kind != JoinRequestKind.Remove)
            {
                text.Append("     OpenPGP ").Append(Keys.OpenPgpKeyInfo.Group(c.KeyFingerprint)).Append('\n');
            }
        }

        return text.ToString().TrimEnd('\n');
    }
}
