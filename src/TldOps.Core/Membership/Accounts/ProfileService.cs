using System.Text.Json;
using Dapper;
using TldOps.Core.Audit;
using TldOps.Core.Common;
using TldOps.Core.Storage;

namespace TldOps.Core.Membership.Accounts;

/// <summary>
/// What a member changes about themselves: phones and language. (Name and address are what the
/// ccTLD's admin contact vouched for: they change through the admin contact.) Audited with the
/// names of the fields that changed, not their values.
/// </summary>
public sealed class ProfileService(Database database, MemberStore members, AuditLog audit, TimeProvider clock)
{
    /// <summary>The person's full member row (with phones).</summary>
    public async Task<Member?> GetAsync(Account account, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        return await members.FindAsync(account.PublicId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sets phones and language; <see cref="Invalid"/> names each field that is wrong.</summary>
    public async Task<Result<Member>> UpdateAsync(Account account, string? officePhone, string? mobilePhone, string? language, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(actor);
        var errors = new List<FieldError>();
        var office = PersonFormValidator.Phone(officePhone, "officePhone", errors);
        var mobile = PersonFormValidator.Phone(mobilePhone, "mobilePhone", errors);
        var chosen = ContactFieldRules.LanguageOfCode(language);
        if (chosen is null)
        {
            errors.Add(new FieldError("language", ContactFieldRules.LanguageChoiceReason));
        }

        if (errors.Count > 0)
        {
            return new Invalid("Some details are wrong.", errors);
        }

        var current = await members.FindAsync(account.PublicId, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return new NotFound("This account no longer exists.");
        }

        var changed = new List<string>();
        if (current.OfficePhone != office)
        {
            changed.Add("officePhone");
        }

        if (current.MobilePhone != mobile)
        {
            changed.Add("mobilePhone");
        }

        if (current.Language != chosen)
        {
            changed.Add("language");
        }

        if (changed.Count == 0)
        {
            return current;
        }

        await database.InTransactionAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE member SET office_phone = @office, mobile_phone = @mobile, language = @chosen, updated_at = @now WHERE id = @id",
                new { office = office?.E164, mobile = mobile?.E164, chosen, now = clock.GetUtcNow(), id = account.MemberId },
                transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            await audit.WriteAsync(connection, transaction, new AuditEntry(actor.Id, "profile-changed", account.CcTld, account.Reference, actor.Authority,
                JsonSerializer.Serialize(new { fields = changed })), cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return (await members.FindAsync(account.PublicId, cancellationToken).ConfigureAwait(false))!;
    }
}
