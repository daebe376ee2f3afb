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
    /// <summary>The longest name, in characters. 200, as for imports.</summary>
    public const int MaxNameLength = 200;

    public async Task<Result<NewMember>> ValidateAsync(PersonForm form, MemberRole role, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new List<FieldError>();
        var name = form.Name?.Trim() ?? string.Empty;
        if (name.Length == 0 || name.Length > MaxNameLength || name.Any(char.IsControl))
        {
            errors.Add(new FieldError("name", $"a name of 1 to {MaxNameLength} characters, on one line"));
        }

        if (!EmailSyntax.TryNormalise(form.Email, out var email, out var emailReason))
        {
            errors.Add(new FieldError("email", emailReason));
        }

        var ccTld = await CcTldAsync(form.CcTld, role, errors, cancellationToken).ConfigureAwait(false);
        var office = Phone(form.OfficePhone, "officePhone", errors);
        var mobile = Phone(form.MobilePhone, "mobilePhone", errors);
        var language = string.IsNullOrWhiteSpace(form.Language) ? Common.Language.English : Common.Language.Match(form.Language);
        if (language is null || (form.Language is { Length: > 0 } typed && typed.Trim().Length != 2))
        {
            errors.Add(new FieldError("language", "one of " + string.Join(", ", Common.Language.All)));
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
    internal static PhoneNumber? Phone(string? typed, string field, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }

        if (PhoneNumber.TryParse(typed, out var number, out var error))
        {
            return number;
        }

        errors.Add(new FieldError(field, $"an international number starting with + and the country code ({error})"));
        return null;
    }
}
