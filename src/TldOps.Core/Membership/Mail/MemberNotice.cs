using TldOps.Core.Membership.Texts;

namespace TldOps.Core.Membership.Mail;

/// <summary>
/// The notice that a member needs attention (unverified, suspended, bouncing, not reconfirmed),
/// for the ccTLD's admin contact (in its language) and the committee (in English).
/// </summary>
public static class MemberNotice
{
    /// <summary>Builds the notice about <paramref name="member"/>; <paramref name="whatKey"/> is a "notice.*" text.</summary>
    public static VettingMail Build(IReadOnlyList<string> to, string language, string ccTldDisplay, Member member, string whatKey, VettingOptions options)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(options);
        var texts = TextCatalog.Shipped;
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["cctld"] = ccTldDisplay,
            ["member"] = member.Name,
            ["email"] = member.Email,
            ["requestAddress"] = options.RequestAddress,
        };
        values["what"] = texts.Format(language, whatKey, values);
        return new VettingMail(to, language, texts.Format(language, "notice.subject", values), texts.Format(language, "notice.body", values), "member:" + member.PublicId);
    }
}
