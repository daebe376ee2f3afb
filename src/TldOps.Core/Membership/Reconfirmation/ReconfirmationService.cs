using System.Data.Common;
using System.Globalization;
using TldOps.Core.Audit;
using TldOps.Core.Common;
using TldOps.Core.Membership.Authority;
using TldOps.Core.Membership.Joining;
using TldOps.Core.Membership.Mail;
using TldOps.Core.Membership.Vetting;
using TldOps.Core.Registry;
using TldOps.Core.Registry.Iana;
using TldOps.Core.Security;
using TldOps.Core.Storage;

namespace TldOps.Core.Membership.Reconfirmation;

/// <summary>
/// When IANA's record shows a new administrative contact, the authorisations of the old one are
/// confirmed again (DOMAIN.md): the ccTLD goes to "reconfirm", its active contacts wait, the new
/// admin contact is asked (links and reply), and at the deadline the unconfirmed contacts are
/// suspended. Registry events are consumed by <see cref="ProcessRegistryEventsAsync"/> (the
/// scheduler, and <c>tldops iana import|sync</c> after importing).
/// </summary>
public sealed partial class ReconfirmationService(
    Database database,
    DelegationStore delegations,
    CcTldVettingStore states,
    MemberStore members,
    MemberVettingStore vetting,
    AdminContactDirectory admins,
    ActionTokens tokens,
    AuditLog audit,
    VettingMailer mailer,
    CcTldCatalog catalog,
    VettingOptions options,
    TimeProvider clock)
{
    /// <summary>The purpose of the reconfirmation links.</summary>
    public const string Purpose = "reconfirm";

    /// <summary>Starts a reconfirmation for every unhandled admin-contact change and marks the events handled. Returns how many started.</summary>
    public async Task<int> ProcessRegistryEventsAsync(CancellationToken cancellationToken = default)
    {
        var started = 0;
        foreach (var change in await delegations.ListEventsAsync(unhandledOnly: true, cancellationToken).ConfigureAwait(false))
        {
            if (change.Kind != RegistryEventKinds.AdminContactChanged)
            {
                continue;
            }

            started += await StartAsync(change, cancellationToken).ConfigureAwait(false) ? 1 : 0;
            // Another node may have marked it meanwhile (Conflict): the work is done either way.
            await delegations.MarkHandledAsync(change.Id, cancellationToken).ConfigureAwait(false);
        }

        if (started > 0)
        {
            mailer.Notify();
        }

        return started;
    }

    /// <summary>The ccTLDs that are or were in reconfirmation, with their deadline and counts, for the committee.</summary>
    public async Task<IReadOnlyList<ReconfirmationStatus>> ListAsync(CancellationToken cancellationToken = default)
    {
        var rows = await states.ListAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var flags = await vetting.ListAsync(cancellationToken).ConfigureAwait(false);
        var active = (await members.ListAsync(MemberStatus.Active, cancellationToken).ConfigureAwait(false)).ToLookup(m => m.CcTld ?? string.Empty, StringComparer.Ordinal);
        return rows.Select(r =>
        {
            var pending = active[r.CcTld].Count(m => flags.TryGetValue(m.Id, out var f) && f.ReconfirmPending);
            return new ReconfirmationStatus(r.CcTld, Display(r.CcTld), r.State, r.AdminEmail, r.Since, r.Deadline, pending, active[r.CcTld].Count() - pending);
        }).ToList();
    }

    /// <summary>The review page for <paramref name="token"/>; <see cref="Forbidden"/> for a bad link, <see cref="Conflict"/> when the reconfirmation is over.</summary>
    public async Task<Result<ReconfirmationPage>> GetPageAsync(string? token, CancellationToken cancellationToken = default)
    {
        var check = await tokens.CheckAsync(token, Purpose, cancellationToken).ConfigureAwait(false);
        if (!check.IsValid || check.Subject is null || !check.Subject.StartsWith("cctld:", StringComparison.Ordinal))
        {
            return new Forbidden(JoinRequestService.LinkProblem(check.Status));
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await states.GetAsync(connection, null, check.Subject[6..], cancellationToken).ConfigureAwait(false);
        if (row is null || row.State != CcTldVettingStore.Reconfirm || row.TokenId != check.Id)
        {
            return new Conflict("This reconfirmation is over.");
        }

        var (pending, confirmed) = await SplitAsync(connection, null, row.CcTld, cancellationToken).ConfigureAwait(false);
        return new ReconfirmationPage(row.CcTld, Display(row.CcTld), row.AdminEmail!, row.Deadline!.Value, pending, confirmed);
    }

    /// <summary>
    /// The new admin contact confirms through the link: the members named by public id, or all
    /// waiting ones when <paramref name="memberPublicIds"/> is null. The others stay waiting
    /// until the deadline suspends them. The link works once.
    /// </summary>
    public async Task<Result<int>> ConfirmByLinkAsync(string? token, IReadOnlyCollection<string>? memberPublicIds = null, CancellationToken cancellationToken = default)
    {
        var page = await GetPageAsync(token, cancellationToken).ConfigureAwait(false);
        if (!page.TryGetValue(out var view, out var problem))
        {
            return problem;
        }

        var chosen = view.Pending.Where(m => memberPublicIds is null || memberPublicIds.Contains(m.PublicId)).ToList();
        var result = await database.InTransactionAsync<Result<int>>(async (connection, transaction) =>
        {
            var used = await tokens.ConsumeAsync(connection, transaction, token, Purpose, view.AdminEmail, cancellationToken).ConfigureAwait(false);
            if (!used.IsValid)
            {
                return new Forbidden(JoinRequestService.LinkProblem(used.Status));
            }

            return await ConfirmAsync(connection, transaction, view.CcTld, chosen, $"link:{used.Id} by {view.AdminEmail}", cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        mailer.Notify();
        return result;
    }

    /// <summary>Suspends the contacts still unconfirmed when a ccTLD's deadline has passed, and tells the committee. Returns how many ccTLDs lapsed.</summary>
    public async Task<int> RunDeadlinesAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var lapsed = 0;
        foreach (var row in await states.ListAsync(CcTldVettingStore.Reconfirm, cancellationToken).ConfigureAwait(false))
        {
            if (row.Deadline is null || row.Deadline > now)
            {
                continue;
            }

            lapsed += await database.InTransactionAsync(async (connection, transaction) =>
            {
                if (!await states.FinishAsync(connection, transaction, row.CcTld, cancellationToken).ConfigureAwait(false))
                {
                    return 0;
                }

                var (pending, _) = await SplitAsync(connection, transaction, row.CcTld, cancellationToken).ConfigureAwait(false);
                await SuspendAsync(connection, transaction, row, pending, "reconfirm-deadline", cancellationToken).ConfigureAwait(false);
                await audit.WriteAsync(connection, transaction, new AuditEntry("system", "reconfirm-lapsed", row.CcTld, "cctld:" + row.CcTld, "schedule",
                    System.Text.Json.JsonSerializer.Serialize(new { suspended = pending.Select(m => m.Email), admin = row.AdminEmail })), cancellationToken).ConfigureAwait(false);
                return 1;
            }, cancellationToken).ConfigureAwait(false);
        }

        if (lapsed > 0)
        {
            mailer.Notify();
        }

        return lapsed;
    }

    private async Task<bool> StartAsync(RegistryEvent change, CancellationToken cancellationToken)
    {
        var admin = await admins.FindAsync(change.Tld, cancellationToken).ConfigureAwait(false);
        if (admin is null)
        {
            return false;
        }

        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            var existing = await states.GetAsync(connection, transaction, change.Tld, cancellationToken).ConfigureAwait(false);
            if (existing?.EventId == change.Id)
            {
                return false;
            }

            var active = (await members.ListByCcTldAsync(connection, transaction, change.Tld, cancellationToken).ConfigureAwait(false))
                .Where(m => m.Status == MemberStatus.Active).ToList();
            if (active.Count == 0)
            {
                return false;
            }

            var now = clock.GetUtcNow();
            var token = await tokens.IssueAsync(connection, transaction, Purpose, "cctld:" + change.Tld, options.ReconfirmDeadline, cancellationToken).ConfigureAwait(false);
            var row = new CcTldVetting
            {
                CcTld = change.Tld, State = CcTldVettingStore.Reconfirm, AdminEmail = admin.Email, AdminName = admin.Name, AdminLanguage = admin.Language,
                TokenId = token.Id, EventId = change.Id, Since = now, Deadline = token.ExpiresAt,
            };
            await states.StartAsync(connection, transaction, row, cancellationToken).ConfigureAwait(false);
            foreach (var member in active)
            {
                await vetting.SetReconfirmPendingAsync(connection, transaction, member.Id, true, cancellationToken).ConfigureAwait(false);
            }

            await audit.WriteAsync(connection, transaction, new AuditEntry("system", "reconfirm-started", change.Tld, "cctld:" + change.Tld,
                "iana:event:" + change.Id.ToString(CultureInfo.InvariantCulture), change.Detail), cancellationToken).ConfigureAwait(false);
            await mailer.EnqueueAsync(connection, transaction, RequestMail(row, active, token.Token), cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<int> ConfirmAsync(DbConnection connection, DbTransaction transaction, string ccTld, IReadOnlyList<Member> chosen, string authority, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        foreach (var member in chosen)
        {
            await vetting.ClearVerificationAsync(connection, transaction, member.Id, cancellationToken).ConfigureAwait(false);
            await members.MarkVerifiedAsync(connection, transaction, member.Id, now, cancellationToken).ConfigureAwait(false);
            await audit.WriteAsync(connection, transaction, new AuditEntry("admin-contact:" + ccTld, "member-reconfirmed", ccTld, "member:" + member.PublicId, authority),
                cancellationToken).ConfigureAwait(false);
        }

        var (pending, _) = await SplitAsync(connection, transaction, ccTld, cancellationToken).ConfigureAwait(false);
        if (pending.Count == 0 && await states.FinishAsync(connection, transaction, ccTld, cancellationToken).ConfigureAwait(false))
        {
            await tokens.RevokeAsync(connection, transaction, "cctld:" + ccTld, Purpose, cancellationToken).ConfigureAwait(false);
            await audit.WriteAsync(connection, transaction, new AuditEntry("admin-contact:" + ccTld, "reconfirm-finished", ccTld, "cctld:" + ccTld, authority), cancellationToken).ConfigureAwait(false);
        }

        return chosen.Count;
    }

    private async Task SuspendAsync(DbConnection connection, DbTransaction transaction, CcTldVetting row, IReadOnlyList<Member> pending, string authority, CancellationToken cancellationToken)
    {
        foreach (var member in pending)
        {
            await members.SetStatusAsync(connection, transaction, member.Id, MemberStatus.Suspended, cancellationToken).ConfigureAwait(false);
            await vetting.SetReconfirmPendingAsync(connection, transaction, member.Id, false, cancellationToken).ConfigureAwait(false);
            await audit.WriteAsync(connection, transaction, new AuditEntry("system", "member-suspended", row.CcTld, "member:" + member.PublicId, authority,
                System.Text.Json.JsonSerializer.Serialize(new { reason = "not reconfirmed by the new administrative contact", admin = row.AdminEmail })), cancellationToken).ConfigureAwait(false);
            await mailer.EnqueueToCommitteeAsync(connection, transaction, (to, language) => NoticeMail(to, language, row.CcTld, member, "notice.unconfirmed"), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<(IReadOnlyList<Member> Pending, IReadOnlyList<Member> Confirmed)> SplitAsync(DbConnection connection, DbTransaction? transaction, string ccTld, CancellationToken cancellationToken)
    {
        var active = (await members.ListByCcTldAsync(connection, transaction, ccTld, cancellationToken).ConfigureAwait(false)).Where(m => m.Status == MemberStatus.Active).ToList();
        var flags = await vetting.ListAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var pending = active.Where(m => flags.TryGetValue(m.Id, out var f) && f.ReconfirmPending).ToList();
        return (pending, active.Except(pending).ToList());
    }

    private string Display(string code) => catalog.Find(code)?.Display ?? "." + code;
}
