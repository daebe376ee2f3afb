using Microsoft.Extensions.Localization;
using TldOps.Core.Common;
using TldOps.Server.Resources;

namespace TldOps.Server.Web;

/// <summary>
/// What a form says, in the page's language, about a field the core found wrong. The core names
/// the field and explains in English for logs and the API; the page says it to the person.
/// </summary>
internal static class FieldTexts
{
    public static LocalizedString For(IStringLocalizer<PortalText> T, FieldError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Code switch
        {
            FieldErrorCodes.NoAdminContact => T["CcTldWithoutAdminContact"],
            FieldErrorCodes.AlreadyListed => T["EmailAlreadyListed"],
            _ => For(T, error.Field),
        };
    }

    public static LocalizedString For(IStringLocalizer<PortalText> T, string field)
    {
        ArgumentNullException.ThrowIfNull(T);
        ArgumentNullException.ThrowIfNull(field);
        var leaf = field[(field.LastIndexOf('.') + 1)..];
        // In a contact of a join request, "role" is the person's title in the ccTLD's team.
        if (field.StartsWith("contacts[", StringComparison.Ordinal) && leaf == "role")
        {
            return T["InvalidTitle"];
        }

        return leaf.ToLowerInvariant() switch
        {
            "requesteremail" => T["InvalidEmail"],
            "requestername" => T["InvalidName"],
            "openpgpkey" => T["InvalidKey"],
            "contacts" => T["InvalidContacts"],
            "existing" => T["InvalidExisting"],
            "name" => T["InvalidName"],
            "email" => T["InvalidEmail"],
            "cctld" => T["InvalidCcTld"],
            "officephone" or "mobilephone" or "phone" => T["InvalidPhone"],
            "language" => T["InvalidLanguage"],
            "code" => T["InvalidCode"],
            "reason" => T["InvalidReason"],
            "role" or "position" or "liaison" => T["InvalidRole"],
            _ => T["InvalidField"],
        };
    }
}
