using System.Data.Common;
using System.Text.Json;
using TldOps.Core.Audit;
using TldOps.Core.Common;
using TldOps.Core.Security;

namespace TldOps.Core.Membership.Joining;

public sealed partial class JoinRequestService
{
    /// <summary>
    /// What the decision page shows for <paramref name="token"/> (checked, not used):
    /// <see cref="Forbidden"/> for a bad, used or expired link, <see cref="Conflict"/> when the
    /// request is no longer pending.
    /// </summary>
    public async Task<Result<JoinDecisionPage>> GetDecisionPageAsync(string? token, CancellationToken cancellationToken = default)
    {
        var check = await tokens.CheckAsync(token, DecisionPurpose, cancellationToken).ConfigureAwait(false);
        if (!check.IsValid || !TryParseSubject(check.Subject, out var id))
        {
            return new Forbidden(LinkProblem(check.Status));
        }

        var request = await requests.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (request is null || request.State != JoinRequestState.Pending)
        {
            return new Conflict("This request has been decided already.");
        }

        var admin = await admins.FindAsync(request.CcTld, cancellationToken).ConfigureAwait(false);
        if (admin is null || !string.Equals(admin.Email, request.AdminEmail, StringComparison.OrdinalIgnoreCase))
        {
            return new Forbidden($"The administrative contact of {Display(request.CcTld)} has changed since this request was sent; a new request is needed.");
        }

        return new JoinDecisionPage(request, Display(request.CcTld), admin, await CurrentMembersAsync(request.CcTld, cancellationToken).ConfigureAwait(false), check.ExpiresAt!.Value);
    }

    /// <summary>
    /// The admin contact's decision through the signed link. With <paramref name="revisedContacts"/>
    /// (the "change, then approve" page) the request is approved with the contacts as edited
    /// there. The link works once; the decision is audited as "link:TOKENID by ADDRESS".
    /// </summary>
    public async Task<Result<JoinRequest>> DecideByLinkAsync(string? token, JoinDecision decision, IReadOnlyList<JoinContactForm>? revisedContacts = null, CancellationToken cancellationToken = default)
    {
        var page = await GetDecisionPageAsync(token, cancellationToken).ConfigureAwait(false);
        if (!page.TryGetValue(out var view, out var problem))
        {
            return problem;
        }

        var request = view.Request;
        var contacts = request.Contacts;
        if (decision == JoinDecision.Approve && revisedContacts is not null)
        {
            var errors = new List<FieldError>();
            contacts = validator.Validate(request.Kind, revisedContacts, view.CurrentMembers, errors);
            if (errors.Count == 0 && contacts.Count == 0)
            {
                errors.Add(new FieldError("contacts", "keep at least one contact, or reject the request."));
            }

            if (errors.Count > 0)
            {
                return new Invalid("The contacts have mistakes; nothing was decided.", errors);
            }
        }

        return await DecideAsync(request, decision, contacts, request.AdminEmail, cancellationToken, async (connection, transaction) =>
        {
            var used = await tokens.ConsumeAsync(connection, transaction, token, DecisionPurpose, request.AdminEmail, cancellationToken).ConfigureAwait(false);
            return used.IsValid ? $"link:{used.Id} by {request.AdminEmail}" : throw new DecisionRefusedException(new Forbidden(LinkProblem(used.Status)));
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// A decision mailed back: taken when the reply comes from the admin-contact address, or
    /// copies it (many admin-contact addresses are aliases that cannot send). Anyone else is
    /// refused, audited, and told who can decide.
    /// </summary>
    public async Task<ReplyOutcome> DecideByReplyAsync(ReplyDecision reply, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reply);
        JoinRequest? request;
        await using (var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            request = await requests.FindByTokenIdAsync(connection, null, reply.TokenId, cancellationToken).ConfigureAwait(false);
        }

        if (request is null)
        {
            return ReplyOutcome.UnknownRequest;
        }

        var authority = reply.AuthorityFor(await admins.FindAsync(request.CcTld, cancellationToken).ConfigureAwait(false), request.AdminEmail);
        if (authority is null)
        {
            await RefuseAsync(request, reply, cancellationToken).ConfigureAwait(false);
            return ReplyOutcome.Refused;
        }

        if (request.State != JoinRequestState.Pending)
        {
            return ReplyOutcome.NotPending;
        }

        var decided = await DecideAsync(request, reply.Decision, request.Contacts, reply.From, cancellationToken,
            (_, _) => Task.FromResult(authority + (reply.AuthenticatedDomain is null ? string.Empty : $" (dkim {reply.AuthenticatedDomain})"))).ConfigureAwait(false);
        if (decided.IsSuccess)
        {
            return ReplyOutcome.Applied;
        }

        await database.InTransactionAsync((connection, transaction) => audit.WriteAsync(connection, transaction, new AuditEntry(
            "admin-contact:" + request.CcTld, "join-decision-failed", request.CcTld, request.Subject, authority,
            JsonSerializer.Serialize(new { decision = reply.Decision.ToString().ToLowerInvariant(), problem = decided.Problem!.Message })), cancellationToken), cancellationToken).ConfigureAwait(false);
        return decided.Problem is Conflict { Message: AlreadyDecided } ? ReplyOutcome.NotPending : ReplyOutcome.Failed;
    }

    private const string AlreadyDecided = "This request has been decided already.";

    private async Task RefuseAsync(JoinRequest request, ReplyDecision reply, CancellationToken cancellationToken)
    {
        await database.InTransactionAsync(async (connection, transaction) =>
        {
            await audit.WriteAsync(connection, transaction, new AuditEntry("public:" + reply.From, "join-decision-refused", request.CcTld, request.Subject,
                $"message:{reply.MessageRef} from {reply.From}",
                JsonSerializer.Serialize(new { decision = reply.Decision.ToString().ToLowerInvariant(), reason = "not the administrative contact", admin = request.AdminEmail })),
                cancellationToken).ConfigureAwait(false);
            await mailer.EnqueueAsync(connection, transaction, RefusalMail(request, reply.From), cancellationToken: cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        mailer.Notify();
    }

    private async Task<Result<JoinRequest>> DecideAsync(
        JoinRequest request, JoinDecision decision, IReadOnlyList<JoinContact> contacts, string decidedBy, CancellationToken cancellationToken,
        Func<DbConnection, DbTransaction, Task<string>> authorise)
    {
        try
        {
            var decided = await database.InTransactionAsync(async (connection, transaction) =>
            {
                var authority = await authorise(connection, transaction).ConfigureAwait(false);
                return await ApplyAsync(connection, transaction, request, decision, contacts, decidedBy, authority, cancellationToken).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
            mailer.Notify();
            return decided;
        }
        catch (DecisionRefusedException refused)
        {
            return refused.Problem;
        }
        catch (DbException ex) when (MemberStore.IsUniqueViolation(ex))
        {
            return new Conflict("One of these addresses is already on the list for this ccTLD; nothing was changed.");
        }
    }

    // Everything here happens in the decision's transaction: a problem throws so that the token
    // stays unused and nothing is half-applied.
    private async Task<JoinRequest> ApplyAsync(DbConnection connection, DbTransaction transaction, JoinRequest request, JoinDecision decision,
        IReadOnlyList<JoinContact> contacts, string decidedBy, string authority, CancellationToken cancellationToken)
    {
        var approve = decision == JoinDecision.Approve;
        if (approve && request.Kind.AddsPeople())
        {
            var tld = await ccTlds.FindAsync(request.CcTld, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"The ccTLD {request.CcTld} of join request #{request.Id} is not stored.");
            var cap = await CheckCapAsync(connection, transaction, tld, contacts.Count, request.Id, cancellationToken).ConfigureAwait(false);
            if (cap is not null)
            {
                throw new DecisionRefusedException(cap);
            }
        }

        var state = approve ? JoinRequestState.Approved : JoinRequestState.Rejected;
        if (!await requests.CloseAsync(connection, transaction, request.Id, state, contacts, decidedBy, authority, cancellationToken).ConfigureAwait(false))
        {
            throw new DecisionRefusedException(new Conflict(AlreadyDecided));
        }

        await tokens.RevokeAsync(connection, transaction, request.Subject, DecisionPurpose, cancellationToken).ConfigureAwait(false);
        var actor = "admin-contact:" + request.CcTld;
        if (approve)
        {
            foreach (var contact in contacts)
            {
                await ApplyContactAsync(connection, transaction, request, contact, actor, authority, cancellationToken).ConfigureAwait(false);
            }
        }

        var edited = approve && !contacts.SequenceEqual(request.Contacts);
        await audit.WriteAsync(connection, transaction, new AuditEntry(actor, approve ? "join-approved" : "join-rejected", request.CcTld, request.Subject, authority,
            JsonSerializer.Serialize(new { kind = request.Kind.ToCode(), by = decidedBy, contacts = contacts.Select(c => c.Email), edited })), cancellationToken).ConfigureAwait(false);
        var closed = request with { State = state, Contacts = contacts, DecidedAt = clock.GetUtcNow(), DecidedBy = decidedBy, Authority = authority };
        await mailer.EnqueueAsync(connection, transaction, DecidedMail(closed), cancellationToken: cancellationToken).ConfigureAwait(false);
        return closed;
    }

    private async Task ApplyContactAsync(DbConnection connection, DbTransaction transaction, JoinRequest request, JoinContact contact, string actor, string authority, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        PhoneNumber.TryParse(contact.OfficePhone, out var office);
        PhoneNumber.TryParse(contact.MobilePhone, out var mobile);
        switch (request.Kind)
        {
            case JoinRequestKind.Remove:
                await members.SetStatusAsync(connection, transaction, contact.MemberId!.Value, MemberStatus.Removed, cancellationToken).ConfigureAwait(false);
                await AuditMemberAsync(connection, transaction, "member-removed", contact.MemberId.Value, request, actor, authority, new { email = contact.Email }, cancellationToken).ConfigureAwait(false);
                return;
            case JoinRequestKind.Change:
                var before = await members.GetAsync(connection, transaction, contact.MemberId!.Value, cancellationToken).ConfigureAwait(false);
                var kept = await vetting.GetAsync(connection, transaction, contact.MemberId.Value, cancellationToken).ConfigureAwait(false);
                await members.UpdateDetailsAsync(connection, transaction, contact.MemberId.Value, contact.Name, contact.Email, office, mobile, contact.Language, cancellationToken).ConfigureAwait(false);
                await vetting.SetProfileAsync(connection, transaction, contact.MemberId.Value, contact.Role ?? kept.Title,
                    contact.OpenPgpKey ?? kept.OpenPgpKey, contact.KeyFingerprint ?? kept.KeyFingerprint, cancellationToken).ConfigureAwait(false);
                await members.MarkVerifiedAsync(connection, transaction, contact.MemberId.Value, now, cancellationToken).ConfigureAwait(false);
                await vetting.ClearVerificationAsync(connection, transaction, contact.MemberId.Value, cancellationToken).ConfigureAwait(false);
                await AuditMemberAsync(connection, transaction, "member-changed", contact.MemberId.Value, request, actor, authority,
                    new { before = new { before?.Name, before?.Email, office = before?.OfficePhone?.E164, mobile = before?.MobilePhone?.E164 }, after = new { contact.Name, contact.Email, office = contact.OfficePhone, mobile = contact.MobilePhone } },
                    cancellationToken).ConfigureAwait(false);
                return;
            default:
                var added = await members.AddAsync(connection, transaction, new NewMember(request.CcTld, contact.Name, contact.Email, office, mobile, MemberRole.Member, contact.Language), cancellationToken).ConfigureAwait(false);
                await vetting.SetProfileAsync(connection, transaction, added.Id, contact.Role, contact.OpenPgpKey, contact.KeyFingerprint, cancellationToken).ConfigureAwait(false);
                await members.MarkVerifiedAsync(connection, transaction, added.Id, now, cancellationToken).ConfigureAwait(false);
                await AuditMemberAsync(connection, transaction, "member-added", added.Id, request, actor, authority, new { email = contact.Email, request = request.Id }, cancellationToken).ConfigureAwait(false);
                return;
        }
    }

    private async Task AuditMemberAsync(DbConnection connection, DbTransaction transaction, string action, long memberId, JoinRequest request, string actor, string authority, object detail, CancellationToken cancellationToken)
    {
        var member = await members.GetAsync(connection, transaction, memberId, cancellationToken).ConfigureAwait(false);
        await audit.WriteAsync(connection, transaction, new AuditEntry(actor, action, request.CcTld, "member:" + member!.PublicId, authority, JsonSerializer.Serialize(detail)), cancellationToken).ConfigureAwait(false);
    }

    private sealed class DecisionRefusedException(Problem problem) : Exception(problem.Message)
    {
        public Problem Problem { get; } = problem;
    }
}
