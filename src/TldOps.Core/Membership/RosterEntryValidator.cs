using System.Globalization;
using TldOps.Core.Registry;

namespace TldOps.Core.Membership;

/// <summary>
/// Checks one roster entry field by field and turns it into a <see cref="NewMember"/>; every
/// field's problem is reported, not only the first, so that one run shows all that needs fixing.
/// </summary>
internal sealed class RosterEntryValidator(IReadOnlyDictionary<string, RegisteredCcTld> ccTlds, MemberImportOptions options)
{
    public NewMember? Validate(RosterEntry entry, List<MemberImportError> errors)
    {
        var before = errors.Count;
        var ccTld = CheckCcTld(entry, errors);
        var name = CheckName(entry, errors);
        string? email = null;
        if (!EmailSyntax.TryNormalise(entry.Email, out email, out var emailReason))
        {
            errors.Add(new MemberImportError(entry.Line, "email", $"'{entry.Email}': {emailReason}"));
        }

        var office = CheckPhone(entry.Line, "phone", entry.OfficePhone, options.RequirePhone, errors);
        var mobile = CheckPhone(entry.Line, "mobile", entry.MobilePhone, required: false, errors);
        return errors.Count == before
            ? new NewMember(ccTld!.Code, name!, email!, office, mobile)
            : null;
    }

    private RegisteredCcTld? CheckCcTld(RosterEntry entry, List<MemberImportError> errors)
    {
        var code = CcTldCatalog.Normalise(entry.CcTld);
        if (code is null)
        {
            errors.Add(new MemberImportError(entry.Line, "ccTLD", "the ccTLD is missing."));
            return null;
        }

        if (!ccTlds.TryGetValue(code, out var tld))
        {
            errors.Add(new MemberImportError(entry.Line, "ccTLD", $"'{entry.CcTld}' is not a delegated ccTLD."));
            return null;
        }

        if (!tld.Delegated)
        {
            errors.Add(new MemberImportError(entry.Line, "ccTLD", $"{tld.Display} is no longer delegated."));
            return null;
        }

        return tld;
    }

    private string? CheckName(RosterEntry entry, List<MemberImportError> errors)
    {
        var name = entry.Name.Trim();
        if (name.Length == 0)
        {
            errors.Add(new MemberImportError(entry.Line, "name", "the name is empty."));
            return null;
        }

        if (name.Length > options.MaxNameLength)
        {
            errors.Add(new MemberImportError(entry.Line, "name", string.Create(CultureInfo.InvariantCulture,
                $"the name is longer than {options.MaxNameLength} characters.")));
            return null;
        }

        if (name.Any(char.IsControl) || name.Contains('@', StringComparison.Ordinal))
        {
            errors.Add(new MemberImportError(entry.Line, "name", "a name holds no control characters and no @ (is it an address?)."));
            return null;
        }

        return name;
    }

    private static PhoneNumber? CheckPhone(int line, string field, string? text, bool required, List<MemberImportError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                errors.Add(new MemberImportError(line, field, "the phone number is missing; members must be reachable by phone."));
            }

            return null;
        }

        if (PhoneNumber.TryParse(text, out var number, out var error))
        {
            return number;
        }

        errors.Add(new MemberImportError(line, field, $"'{text}': {PhoneNumberFormatException.Describe(error)}"));
        return null;
    }
}
