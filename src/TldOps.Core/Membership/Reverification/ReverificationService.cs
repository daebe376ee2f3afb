using System.Data.Common;
using System.Text.Json;
using TldOps.Core.Audit;
using TldOps.Core.Common;
using TldOps.Core.Membership.Authority;
using TldOps.Core.Membership.Joining;
using TldOps.Core.Membership.Keys;
using TldOps.Core.Membership.Mail;
using TldOps.Core.Membership.Vetting;
using TldOps.Core.Registry;
using TldOps.Core.Security;
using TldOps.Core.Storage;

namespace TldOps.Core.Membership.Reverification;

/// <summary>
/// Keeps the contact repository true (DOMAIN.md: reachability is the point): every member
/// confirms their details by link every <see cref="VettingOptions.ReverifyMonths"/> months, is
/// reminded, flagged unverified (visible in the repository; admin contact and committee told),
/// then suspended after the grace period. Bouncing members are flagged the same way. The
/// scheduler runs <see cref="RunAsync"/>; the page calls <see cref="GetPageAsync"/> and
/// <see cref="ConfirmAsync"/>.
/// </summary>
public sealed partial class ReverificationService(
    Database database,
    MemberStore members,
    MemberVettingStore vetting,
    IDeliveryHealth deliveryHealth,
    AdminContactDirectory admins,
    ActionTokens tokens,
    AuditLog audit,
    VettingMailer mailer,
    OpenPgpKeyReader keys,
    CcTldCatalog catalog,
    VettingOptions options,
    TimeProvider clock)
{
    /// <summary>The purpose of the confirmation links.</summary>
    public const string Purpose = "reverify";

    /// <summary>When <paramref name="member"/> is next due to confirm.</summary>
    public DateTimeOffset DueAt(Member member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return (member.VerifiedAt ?? member.CreatedAt).AddMonths(options.ReverifyMonths);
    }

    /// <summary>Sends due requests and reminders, flags and suspends the overdue, and flags bouncing members. Idempotent.</summary>
    public async Task<ReverificationRun> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var active = await members.ListAsync(MemberStatus.Active, cancellationToken).ConfigureAwait(false);
        var flags = await vetting.ListAsync(cancellationToken).ConfigureAwait(false);
        int requested = 0, reminded = 0, flagged = 0, suspended = 0;
        foreach (var member in active)
        {
            var state = flags.GetValueOrDefault(member.Id) ?? new MemberVetting { MemberId = member.Id };
            var due = DueAt(member);
            if (now < due)
            {
                continue;
            }

            var step = NextStep(state, due, now);
            if (step == Step.None)
            {
                continue;
            }

            await database.InTransactionAsync((connection, transaction) => ApplyStepAsync(connection, transaction, member, state, step, cancellationToken), cancellationToken).ConfigureAwait(false);
            _ = step switch
            {
                Step.Request => requested++,
                Step.Remind => reminded++,
                Step.Flag => flagged++,
                _ => suspended++,
            };
        }

        var (bouncing, cleared) = await RunBouncesAsync(active, flags, cancellationToken).ConfigureAwait(false);
        mailer.Notify();
        return new ReverificationRun(requested, reminded, flagged, suspended, bouncing, cleared);
    }

    /// <summary>The confirmation page for <paramref name="token"/>; <see cref="Forbidden"/> for a bad, used or expired link.</summary>
    public async Task<Result<ReverificationPage>> GetPageAsync(string? token, CancellationToken cancellationToken = default)
    {
        var check = await tokens.CheckAsync(token, Purpose, cancellationToken).ConfigureAwait(false);
        if (!check.IsValid || check.Subject is null || !check.Subject.StartsWith("member:", StringComparison.Ordinal))
        {
            return new Forbidden(JoinRequestService.LinkProblem(check.Status));
        }

        var member = await members.FindAsync(check.Subject[7..], cancellationToken).ConfigureAwait(false);
        if (member is null || member.Status == MemberStatus.Removed)
        {
            return new NotFound("This member is no longer on the list.");
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var state = await vetting.GetAsync(connection, null, member.Id, cancellationToken).ConfigureAwait(false);
        return new ReverificationPage(member, state.Title, state.KeyFingerprint, check.ExpiresAt!.Value);
    }

    /// <summary>
    /// The member confirms (with <paramref name="corrections"/> applied first): verified now,
    /// flags cleared, and a member suspended only for not confirming is active again.
    /// <see cref="Invalid"/> names each bad correction; the link works once.
    /// </summary>
    public async Task<Result<Member>> ConfirmAsync(string? token, ReverificationCorrections? corrections = null, CancellationToken cancellationToken = default)
    {
        var page = await GetPageAsync(token, cancellationToken).ConfigureAwait(false);
        if (!page.TryGetValue(out var view, out var problem))
        {
            return problem;
        }

        var errors = new List<FieldError>();
        var fixes = Validate(view.Member, corrections ?? new ReverificationCorrections(), errors);
        if (errors.Count > 0)
        {
            return new Invalid("Some corrections are not valid; nothing was changed.", errors);
        }

        var member = view.Member;
        var result = await database.InTransactionAsync<Result<Member>>(async (connection, transaction) =>
        {
            var used = await tokens.ConsumeAsync(connection, transaction, token, Purpose, member.Email, cancellationToken).ConfigureAwait(false);
            if (!used.IsValid)
            {
                return new Forbidden(JoinRequestService.LinkProblem(used.Status));
            }

            var state = await vetting.GetAsync(connection, transaction, member.Id, cancellationToken).ConfigureAwait(false);
            await members.UpdateDetailsAsync(connection, transaction, member.Id, member.Name, member.Email, fixes.Office, fixes.Mobile, fixes.Language, cancellationToken).ConfigureAwait(false);
            await vetting.SetProfileAsync(connection, transaction, member.Id, fixes.Role ?? state.Title,
                corrections?.RemoveKey == true ? null : fixes.Key?.Armoured ?? state.OpenPgpKey,
                corrections?.RemoveKey == true ? null : fixes.Key?.Fingerprint ?? state.KeyFingerprint, cancellationToken).ConfigureAwait(false);
            await members.MarkVerifiedAsync(connection, transaction, member.Id, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            await vetting.ClearVerificationAsync(connection, transaction, member.Id, cancellationToken).ConfigureAwait(false);
            var reactivated = member.Status == MemberStatus.Suspended && state.UnverifiedSince is not null;
            if (reactivated)
            {
                await members.SetStatusAsync(connection, transaction, member.Id, MemberStatus.Active, cancellationToken).ConfigureAwait(false);
            }

            await audit.WriteAsync(connection, transaction, new AuditEntry("member:" + member.PublicId, "member-verified", member.CcTld, "member:" + member.PublicId,
                $"link:{used.Id} by {member.Email}", JsonSerializer.Serialize(new { corrected = corrections is not null, reactivated })), cancellationToken).ConfigureAwait(false);
            return (await members.GetAsync(connection, transaction, member.Id, cancellationToken).ConfigureAwait(false))!;
        }, cancellationToken).ConfigureAwait(false);
        return result;
    }

    private Step NextStep(MemberVetting state, DateTimeOffset due, DateTimeOffset now)
    {
        if (state.ReverifySentAt is not { } sent || sent < due)
        {
            return Step.Request;
        }

        if (now >= sent + options.ReverifyGrace)
        {
            return Step.Suspend;
        }

        if (state.UnverifiedSince is null && now >= sent + options.ReverifyFlagAfter)
        {
            return Step.Flag;
        }

        return state.ReverifyReminders < options.ReverifyReminders.Count && now >= sent + options.ReverifyReminders[state.ReverifyReminders]
            ? Step.Remind
            : Step.None;
    }

    private (PhoneNumber? Office, PhoneNumber? Mobile, string Language, string? Role, OpenPgpKeyInfo? Key) Validate(Member member, ReverificationCorrections fix, List<FieldError> errors)
    {
        PhoneNumber? Phone(string? text, PhoneNumber? current, string field)
        {
            // Null keeps the current number, white space clears it, a bad number keeps it too.
            if (text is null)
            {
                return current;
            }

            if (ContactFieldRules.TryReadPhone(text, out var number, out var error))
            {
                return number;
            }

            errors.Add(new FieldError(field, PhoneNumberFormatException.Describe(error)));
            return current;
        }

        var office = Phone(fix.OfficePhone, member.OfficePhone, "officePhone");
        var mobile = Phone(fix.MobilePhone, member.MobilePhone, "mobilePhone");
        if (office is null && mobile is null)
        {
            errors.Add(new FieldError("officePhone", "keep at least one phone number: members must be reachable without the Internet."));
        }

        var language = fix.Language is null ? member.Language : ContactFieldRules.LanguageOfTag(fix.Language);
        if (language is null)
        {
            errors.Add(new FieldError("language", ContactFieldRules.UnknownLanguageReason(fix.Language)));
        }

        var role = fix.Role?.Trim();
        if (role is not null && ContactFieldRules.IsTooLong(role))
        {
            errors.Add(new FieldError("role", $"at most {ContactFieldRules.MaxTextLength} characters."));
        }

        OpenPgpKeyInfo? key = null;
        if (!string.IsNullOrWhiteSpace(fix.OpenPgpKey) && !keys.TryRead(fix.OpenPgpKey, out key, out var reason))
        {
            errors.Add(new FieldError("openPgpKey", reason));
        }

        return (office, mobile, language ?? member.Language, string.IsNullOrEmpty(role) ? null : role, key);
    }

    private enum Step
    {
        None,
        Request,
        Remind,
        Flag,
        Suspend,
    }
}
