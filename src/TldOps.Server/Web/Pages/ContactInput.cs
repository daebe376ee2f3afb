using TldOps.Core.Membership.Joining;

namespace TldOps.Server.Web.Pages;

/// <summary>One contact's fields in the join form or the admin contact's change page, as posted.</summary>
internal sealed class ContactInput
{
    public string? Name { get; set; }

    public string? Email { get; set; }

    public string? OfficePhone { get; set; }

    public string? MobilePhone { get; set; }

    /// <summary>The role or title in the ccTLD's team ("CSIRT lead").</summary>
    public string? Role { get; set; }

    public string? Language { get; set; }

    public string? OpenPgpKey { get; set; }

    /// <summary>For a change: the member concerned (public id).</summary>
    public string? Existing { get; set; }

    /// <summary>True when nothing was typed in this block (the form offers more blocks than most ccTLDs fill).</summary>
    public bool IsEmpty => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Email) && string.IsNullOrWhiteSpace(OfficePhone)
        && string.IsNullOrWhiteSpace(MobilePhone) && string.IsNullOrWhiteSpace(Role) && string.IsNullOrWhiteSpace(OpenPgpKey);

    public JoinContactForm ToForm() => new(Name, Email, OfficePhone, MobilePhone, Role, Language, OpenPgpKey, Existing);

    public static ContactInput From(JoinContact contact, string? existing = null) => new()
    {
        Name = contact.Name,
        Email = contact.Email,
        OfficePhone = contact.OfficePhone,
        MobilePhone = contact.MobilePhone,
        Role = contact.Role,
        Language = contact.Language,
        OpenPgpKey = contact.OpenPgpKey,
        Existing = existing,
    };
}
