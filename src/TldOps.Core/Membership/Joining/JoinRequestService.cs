using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using TldOps.Core.Audit;
using TldOps.Core.Common;
using TldOps.Core.Membership.Authority;
using TldOps.Core.Membership.Mail;
using TldOps.Core.Membership.Texts;
using TldOps.Core.Membership.Vetting;
using TldOps.Core.Registry;
using TldOps.Core.Security;
using TldOps.Core.Storage;

namespace TldOps.Core.Membership.Joining;

/// <summary>
/// Asking to join, and every later change of a ccTLD's contacts, on the authority of the ccTLD's
/// IANA administrative contact alone (DOMAIN.md): a request is validated, stored, and mailed to
/// the admin contact with signed single-use links (approve, change then approve, reject) and a
/// tag for answering by mail; the requester gets a status link. Reminders and expiry run on the
/// scheduler (<see cref="RunRemindersAsync"/>). Each step is one transaction with its audit row
/// and its mails.
/// </summary>
public sealed partial class JoinRequestService(
    Database database,
    JoinRequestStore requests,
    MemberStore members,
    MemberVettingStore vetting,
    CapExceptionStore capExceptions,
    CcTldStore ccTlds,
    CcTldCatalog catalog,
    AdminContactDirectory admins,
    ActionTokens tokens,
    AuditLog audit,
    VettingMailer mailer,
    JoinContactValidator validator,
    VettingOptions options,
    TimeProvider clock)
{
    /// <summary>The purpose of the admin contact's decision links.</summary>
    public const string DecisionPurpose = "join-decision";

    /// <summary>The purpose of the requester's status link.</summary>
    public const string StatusPurpose = "join-status";

    /// <summary>The most contacts one request may carry, whatever the cap (a bound on input).</summary>
    public const int MaxContactsPerRequest = 20;

    private readonly TextCatalog _texts = TextCatalog.Shipped;

    /// <summary>
    /// Validates and stores a request, and mails the admin contact and the requester. Problems:
    /// <see cref="Invalid"/> with a <see cref="FieldError"/> per bad field ("ccTld",
    /// "requesterEmail", "contacts", "contacts[1].officePhone"…); <see cref="TooManyContacts"/>
    /// when the ccTLD would pass its cap (active members plus pending requests).
    /// </summary>
    public async Task<Result<JoinSubmission>> SubmitAsync(JoinRequestForm form, string source = "web", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new List<FieldError>();
        var tld = await FindCcTldAsync(form.CcTld, errors, cancellationToken).ConfigureAwait(false);
        var admin = tld is null ? null : await admins.FindAsync(tld.Code, cancellationToken).ConfigureAwait(false);
        if (tld is not null && admin is null)
        {
            errors.Add(new FieldError("ccTld", $"the IANA administrative contact of {tld.Display} is not known here yet, so nobody can approve; please write to {options.RequestAddress}.", FieldErrorCodes.NoAdminContact));
        }

        string? requester = null;
        if (!EmailSyntax.TryNormalise(form.RequesterEmail, out requester, out var requesterReason))
        {
            errors.Add(new FieldError("requesterEmail", requesterReason));
        }

        var contactForms = form.Contacts ?? [];
        if (contactForms.Count == 0)
        {
            errors.Add(new FieldError("contacts", "name at least one contact."));
        }
        else if (contactForms.Count > Math.Min(MaxContactsPerRequest, options.MaxContactsPerCcTld * 4))
        {
            errors.Add(new FieldError("contacts", "too many contacts in one request."));
            contactForms = [];
        }

        var current = tld is null ? [] : await CurrentMembersAsync(tld.Code, cancellationToken).ConfigureAwait(false);
        var contacts = validator.Validate(form.Kind, contactForms, current, errors);
        if (errors.Count > 0)
        {
            return new Invalid("The request has mistakes; nothing was sent.", errors);
        }

        return await StoreAsync(form, source, tld!, admin!, requester!, contacts, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The requester's status page for <paramref name="statusToken"/>; <see cref="Forbidden"/> for a bad or expired link.</summary>
    public async Task<Result<JoinRequestStatus>> GetStatusAsync(string? statusToken, CancellationToken cancellationToken = default)
    {
        var check = await tokens.CheckAsync(statusToken, StatusPurpose, cancellationToken).ConfigureAwait(false);
        if (check.Status is not TokenStatus.Valid || !TryParseSubject(check.Subject, out var id))
        {
            return new Forbidden(LinkProblem(check.Status));
        }

        var request = await requests.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (request is null)
        {
            return new NotFound("The request no longer exists.");
        }

        var history = (await audit.ListAsync(subject: request.Subject, cancellationToken: cancellationToken).ConfigureAwait(false))
            .OrderBy(r => r.Id)
            .Select(r => new JoinRequestEvent(r.At, r.Action, r.Authority))
            .ToList();
        return new JoinRequestStatus(request.Id, Display(request.CcTld), request.Kind, request.State, request.Contacts.Select(c => c.Name).ToList(),
            request.AdminEmail, request.CreatedAt, request.ExpiresAt, request.DecidedAt, history);
    }

    private async Task<Result<JoinSubmission>> StoreAsync(JoinRequestForm form, string source, RegisteredCcTld tld, AdminContact admin, string requester, IReadOnlyList<JoinContact> contacts, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var expires = now + options.RequestLifetime;
        var requesterLanguage = Language.Match(form.RequesterLanguage) ?? contacts.FirstOrDefault()?.Language ?? Language.English;
        var result = await database.InTransactionAsync<Result<JoinSubmission>>(async (connection, transaction) =>
        {
            if (form.Kind.AddsPeople())
            {
                var cap = await CheckCapAsync(connection, transaction, tld, contacts.Count, null, cancellationToken).ConfigureAwait(false);
                if (cap is not null)
                {
                    return cap;
                }
            }

            var draft = new JoinRequest(0, tld.Code, form.Kind, JoinRequestState.Pending, source, Clean(form.RequesterName), requester, requesterLanguage,
                contacts, admin.Email, admin.Name, admin.Language, "pending:" + Guid.NewGuid().ToString("N"), 0, now, expires, null, null, null);
            var id = await requests.InsertAsync(connection, transaction, draft, cancellationToken).ConfigureAwait(false);
            var decision = await tokens.IssueAsync(connection, transaction, DecisionPurpose, JoinRequest.SubjectOf(id), expires - now, cancellationToken).ConfigureAwait(false);
            var status = await tokens.IssueAsync(connection, transaction, StatusPurpose, JoinRequest.SubjectOf(id), options.StatusLinkLifetime, cancellationToken).ConfigureAwait(false);
            await requests.SetReminderAsync(connection, transaction, id, decision.Id, 0, cancellationToken).ConfigureAwait(false);
            var request = draft with { Id = id, DecisionTokenId = decision.Id };
            await audit.WriteAsync(connection, transaction, new AuditEntry("public:" + requester, "join-requested", tld.Code, request.Subject, source,
                JsonSerializer.Serialize(new { kind = form.Kind.ToCode(), contacts = contacts.Select(c => c.Email), admin = admin.Email })), cancellationToken).ConfigureAwait(false);
            var messageId = await mailer.EnqueueAsync(connection, transaction, AdminRequestMail(request, decision.Token, reminder: false), cancellationToken: cancellationToken).ConfigureAwait(false);
            await requests.SetRequestMessageIdAsync(connection, transaction, id, messageId, cancellationToken).ConfigureAwait(false);
            var statusUrl = StatusUrl(request, status.Token);
            await mailer.EnqueueAsync(connection, transaction, RequesterMail(request, statusUrl), cancellationToken: cancellationToken).ConfigureAwait(false);
            return new JoinSubmission(request, statusUrl);
        }, cancellationToken).ConfigureAwait(false);
        if (result.IsSuccess)
        {
            mailer.Notify();
        }

        return result;
    }

    private async Task<RegisteredCcTld?> FindCcTldAsync(string? text, List<FieldError> errors, CancellationToken cancellationToken)
    {
        var code = CcTldCatalog.Normalise(text);
        if (code is null)
        {
            errors.Add(new FieldError("ccTld", "the ccTLD is missing."));
            return null;
        }

        var tld = await ccTlds.FindAsync(code, cancellationToken).ConfigureAwait(false);
        if (tld is null || !tld.Delegated)
        {
            errors.Add(new FieldError("ccTld", tld is null ? $"'{text}' is not a delegated ccTLD." : $"{tld.Display} is no longer delegated."));
            return null;
        }

        return tld;
    }

    private async Task<IReadOnlyList<Member>> CurrentMembersAsync(string code, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await members.ListByCcTldAsync(connection, null, code, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Null when <paramref name="adding"/> more fit under the cap; else the problem.</summary>
    private async Task<TooManyContacts?> CheckCapAsync(DbConnection connection, DbTransaction transaction, RegisteredCcTld tld, int adding, long? excludingRequest, CancellationToken cancellationToken)
    {
        var limit = (await capExceptions.GetAsync(connection, transaction, tld.Code, cancellationToken).ConfigureAwait(false))?.MaxContacts ?? options.MaxContactsPerCcTld;
        var active = (await members.ListByCcTldAsync(connection, transaction, tld.Code, cancellationToken).ConfigureAwait(false))
            .Count(m => m.Status == MemberStatus.Active);
        var pending = (await requests.ListAsync(connection, transaction, JoinRequestState.Pending, tld.Code, cancellationToken: cancellationToken).ConfigureAwait(false))
            .Where(r => r.Id != excludingRequest && r.Kind.AddsPeople())
            .Sum(r => r.Contacts.Count);
        var current = active + pending;
        if (current + adding <= limit)
        {
            return null;
        }

        return new TooManyContacts(string.Create(CultureInfo.InvariantCulture,
            $"{tld.Display} may have {limit} contacts on TLD-OPS; it has {active} and {pending} more in pending requests, so {adding} more would be too many. The committee can grant an exception."),
            limit, current);
    }

    private string Display(string code) => catalog.Find(code)?.Display ?? "." + code;

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    internal static bool TryParseSubject(string? subject, out long id)
    {
        id = 0;
        return subject is not null && subject.StartsWith("join:", StringComparison.Ordinal)
            && long.TryParse(subject.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out id);
    }

    internal static string LinkProblem(TokenStatus status) => status switch
    {
        TokenStatus.Expired => "This link has expired.",
        TokenStatus.Used => "This link was used already; the request has been decided.",
        TokenStatus.WrongPurpose => "This link is not for this page.",
        _ => "This link is not valid. Check that it was copied whole.",
    };
}
