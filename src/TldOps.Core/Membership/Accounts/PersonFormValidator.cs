using Dapper;
using TldOps.Core.Common;
using TldOps.Core.Registry;
using TldOps.Core.Storage;

namespace TldOps.Core.Membership.Accounts;

/// <summary>
/// Turns a <see cref="PersonForm"/> into a <see cref="NewMember"/>: a name, a valid address, a
/// delegated ccTLD when the role has one (none otherwise), phones in E.164, one of the six
/// languages. Every problem is reported as a field error, all at once.
/// </summary>
public sealed class PersonFormValidator(Database database)
{
    public async Task<Result<NewMember>> ValidateAsync(PersonForm form, MemberRole role, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new List<FieldError>();
        var name = form.Name?.Trim() ?? string.Empty;
        if (name.Length == 0 || ContactFieldRules.IsTooLong(name) || ContactFieldRules.HasControlCharacter(name))
        {
            errors.Add(new FieldError("name", $"a name of 1 to {ContactFieldRules.MaxTextLength} characters, on one line"));
        }

        if (!EmailSyntax.TryNormalise(form.Email, out var email, out var emailReason))
        {
            errors.Add(new FieldError("email", emailReason));
        }

        var ccTld = await CcTldAsync(form.CcTld, role, errors, cancellationToken).ConfigureAwait(false);
        var office = Phone(form.OfficePhone, "officePhone", errors);
        var mobile = Phone(form.MobilePhone, "mobilePhone", errors);
        // Only null or "" means English: white space alone is refused, as is a tag such as "fr-CA".
        var language = string.IsNullOrEmpty(form.Language) ? Common.Language.English : ContactFieldRules.LanguageOfCode(form.Language);
        if (language is null)
        {
            errors.Add(new FieldError("language", ContactFieldRules.LanguageChoiceReason));
        }

        if (errors.Count > 0)
        {
            return new Invalid("Some details are missing or wrong.", errors);
        }

        return new NewMember(ccTld, name, email!, office, mobile, role, language!);
    }

    private async Task<string?> CcTldAsync(string? typed, MemberRole role, List<FieldError> errors, CancellationToken cancellationToken)
    {
        if (!role.HasCcTld())
        {
            if (!string.IsNullOrWhiteSpace(typed))
            {
                errors.Add(new FieldError("ccTLD", "liaisons and secretariat belong to no ccTLD"));
            }

            return null;
        }

        var code = CcTldCatalog.Normalise(typed);
        if (code is null)
        {
            errors.Add(new FieldError("ccTLD", "the ccTLD, such as .fr or .рф"));
            return null;
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var delegated = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM cctld WHERE code = @code AND delegated", new { code }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (delegated == 0)
        {
            errors.Add(new FieldError("ccTLD", $"'{typed?.Trim()}' is not a delegated ccTLD"));
            return null;
        }

        return code;
    }

    /// <summary>A typed phone number in E.164, null when empty; a field error when it is not an international number.</summary>
    internal static PhoneNumber? Phone(string? typed, string field, List<FieldError> errors) =>
        ContactFieldRules.Phone(typed, field, errors, static error => $"an international number starting with + and the country code ({error})");
}
