using System.Globalization;
using TldOps.Core.Common;
using TldOps.Core.Membership.Keys;

namespace TldOps.Core.Membership.Joining;

/// <summary>
/// Checks the contacts of a request field by field, reporting every problem (not only the first)
/// as a <see cref="FieldError"/> named "contacts[i].field", so the form can show each next to
/// its input. For change and remove requests the contact is matched with a current member.
/// </summary>
public sealed class JoinContactValidator(OpenPgpKeyReader keys)
{
    /// <summary>Validates <paramref name="forms"/> for a request of <paramref name="kind"/> against the ccTLD's current <paramref name="members"/>.</summary>
    public IReadOnlyList<JoinContact> Validate(JoinRequestKind kind, IReadOnlyList<JoinContactForm> forms, IReadOnlyList<Member> members, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(forms);
        var contacts = new List<JoinContact>(forms.Count);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < forms.Count; i++)
        {
            var prefix = string.Create(CultureInfo.InvariantCulture, $"contacts[{i}].");
            var contact = kind switch
            {
                JoinRequestKind.Remove => ValidateRemoval(forms[i], members, prefix, errors),
                JoinRequestKind.Change => ValidateChange(forms[i], members, prefix, errors),
                _ => ValidateNew(forms[i], members, prefix, errors),
            };
            if (contact is null)
            {
                continue;
            }

            if (!seen.Add(contact.Email))
            {
                errors.Add(new FieldError(prefix + "email", $"{contact.Email} appears twice in this request."));
                continue;
            }

            contacts.Add(contact);
        }

        return contacts;
    }

    private JoinContact? ValidateNew(JoinContactForm form, IReadOnlyList<Member> members, string prefix, List<FieldError> errors)
    {
        var before = errors.Count;
        var contact = ValidateDetails(form, prefix, errors, null);
        if (contact is not null && members.Any(m => m.Status != MemberStatus.Removed && string.Equals(m.Email, contact.Email, StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add(new FieldError(prefix + "email", $"{contact.Email} is already on the list for this ccTLD.", FieldErrorCodes.AlreadyListed));
        }

        return errors.Count == before ? contact : null;
    }

    private JoinContact? ValidateChange(JoinContactForm form, IReadOnlyList<Member> members, string prefix, List<FieldError> errors)
    {
        var member = FindExisting(form, members, prefix, errors);
        if (member is null)
        {
            return null;
        }

        // Empty fields keep the current values: a change names only what changes.
        var merged = form with
        {
            Name = string.IsNullOrWhiteSpace(form.Name) ? member.Name : form.Name,
            Email = string.IsNullOrWhiteSpace(form.Email) ? member.Email : form.Email,
            OfficePhone = string.IsNullOrWhiteSpace(form.OfficePhone) ? member.OfficePhone?.E164 : form.OfficePhone,
            MobilePhone = string.IsNullOrWhiteSpace(form.MobilePhone) ? member.MobilePhone?.E164 : form.MobilePhone,
            Language = string.IsNullOrWhiteSpace(form.Language) ? member.Language : form.Language,
        };
        var before = errors.Count;
        var contact = ValidateDetails(merged, prefix, errors, member.Id);
        if (contact is not null && members.Any(m => m.Id != member.Id && m.Status != MemberStatus.Removed && string.Equals(m.Email, contact.Email, StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add(new FieldError(prefix + "email", $"{contact.Email} is already on the list for this ccTLD.", FieldErrorCodes.AlreadyListed));
        }

        return errors.Count == before ? contact : null;
    }

    private static JoinContact? ValidateRemoval(JoinContactForm form, IReadOnlyList<Member> members, string prefix, List<FieldError> errors)
    {
        var member = FindExisting(form, members, prefix, errors);
        return member is null ? null : new JoinContact(member.Name, member.Email, member.OfficePhone?.E164, member.MobilePhone?.E164,
            null, member.Language, null, null, member.Id);
    }

    private static Member? FindExisting(JoinContactForm form, IReadOnlyList<Member> members, string prefix, List<FieldError> errors)
    {
        var key = (form.Existing ?? form.Email)?.Trim();
        if (string.IsNullOrEmpty(key))
        {
            errors.Add(new FieldError(prefix + "existing", "name the current contact by address."));
            return null;
        }

        var member = members.FirstOrDefault(m => m.Status != MemberStatus.Removed
            && (string.Equals(m.Email, key, StringComparison.OrdinalIgnoreCase) || string.Equals(m.PublicId, key, StringComparison.Ordinal)));
        if (member is null)
        {
            errors.Add(new FieldError(prefix + "existing", $"{key} is not a contact of this ccTLD."));
        }

        return member;
    }

    private JoinContact? ValidateDetails(JoinContactForm form, string prefix, List<FieldError> errors, long? memberId)
    {
        var before = errors.Count;
        var name = Text(form.Name, prefix + "name", required: true, errors);
        var role = Text(form.Role, prefix + "role", required: false, errors);
        string? email = null;
        if (string.IsNullOrWhiteSpace(form.Email))
        {
            errors.Add(new FieldError(prefix + "email", "the address is missing."));
        }
        else if (!EmailSyntax.TryNormalise(form.Email, out email, out var emailReason))
        {
            errors.Add(new FieldError(prefix + "email", emailReason));
        }

        var office = ContactFieldRules.Phone(form.OfficePhone, prefix + "officePhone", errors, PhoneNumberFormatException.Describe);
        var mobile = ContactFieldRules.Phone(form.MobilePhone, prefix + "mobilePhone", errors, PhoneNumberFormatException.Describe);
        if (office is null && mobile is null && string.IsNullOrWhiteSpace(form.OfficePhone) && string.IsNullOrWhiteSpace(form.MobilePhone))
        {
            errors.Add(new FieldError(prefix + "officePhone", "give at least one phone number: members must be reachable without the Internet."));
        }

        var language = string.IsNullOrWhiteSpace(form.Language) ? Language.English : ContactFieldRules.LanguageOfTag(form.Language);
        if (language is null)
        {
            errors.Add(new FieldError(prefix + "language", ContactFieldRules.UnknownLanguageReason(form.Language)));
        }

        OpenPgpKeyInfo? key = null;
        if (!string.IsNullOrWhiteSpace(form.OpenPgpKey) && !keys.TryRead(form.OpenPgpKey, out key, out var keyReason))
        {
            errors.Add(new FieldError(prefix + "openPgpKey", keyReason));
        }

        return errors.Count == before
            ? new JoinContact(name!, email!, office?.E164, mobile?.E164, role, language!, key?.Armoured, key?.Fingerprint, memberId)
            : null;
    }

    private static string? Text(string? value, string field, bool required, List<FieldError> errors)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                errors.Add(new FieldError(field, "this field is required."));
            }

            return null;
        }

        if (ContactFieldRules.IsTooLong(text) || ContactFieldRules.HasControlCharacter(text) || ContactFieldRules.HasAtSign(text))
        {
            errors.Add(new FieldError(field, $"at most {ContactFieldRules.MaxTextLength} characters, without control characters or @."));
            return null;
        }

        return text;
    }
}
