using System.Data.Common;
using System.Text;
using System.Text.Json;
using TldOps.Core.Audit;
using TldOps.Core.Common;
using TldOps.Core.Membership.Joining;
using TldOps.Core.Membership.Keys;
using TldOps.Core.Membership.Mail;
using TldOps.Core.Membership.Texts;
using TldOps.Core.Membership.Vetting;

namespace TldOps.Core.Membership.Reverification;

public sealed partial class ReverificationService
{
    private async Task ApplyStepAsync(DbConnection connection, DbTransaction transaction, Member member, MemberVetting state, Step step, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var subject = "member:" + member.PublicId;
        switch (step)
        {
            case Step.Request or Step.Remind:
                var sent = step == Step.Request ? now : state.ReverifySentAt!.Value;
                var reminders = step == Step.Request ? 0 : state.ReverifyReminders + 1;
                var deadline = sent + options.ReverifyGrace;
                // The link outlives the grace period by a month, so that a suspended member can
                // still confirm and come back.
                var token = await tokens.IssueAsync(connection, transaction, Purpose, subject, deadline + TimeSpan.FromDays(30) - now, cancellationToken).ConfigureAwait(false);
                await vetting.SetReverifySentAsync(connection, transaction, member.Id, sent, reminders, cancellationToken).ConfigureAwait(false);
                await audit.WriteAsync(connection, transaction, new AuditEntry("system", step == Step.Request ? "reverify-requested" : "reverify-reminded",
                    member.CcTld, subject, "schedule"), cancellationToken).ConfigureAwait(false);
                await mailer.EnqueueAsync(connection, transaction, RequestMail(member, state, token.Token, deadline, step == Step.Remind), cancellationToken: cancellationToken).ConfigureAwait(false);
                return;
            case Step.Flag:
                await vetting.SetUnverifiedAsync(connection, transaction, member.Id, now, cancellationToken).ConfigureAwait(false);
                await audit.WriteAsync(connection, transaction, new AuditEntry("system", "member-flagged-unverified", member.CcTld, subject, "schedule"), cancellationToken).ConfigureAwait(false);
                await NotifyAsync(connection, transaction, member, "notice.unverified", cancellationToken).ConfigureAwait(false);
                return;
            default:
                await members.SetStatusAsync(connection, transaction, member.Id, MemberStatus.Suspended, cancellationToken).ConfigureAwait(false);
                if (state.UnverifiedSince is null)
                {
                    await vetting.SetUnverifiedAsync(connection, transaction, member.Id, now, cancellationToken).ConfigureAwait(false);
                }

                await audit.WriteAsync(connection, transaction, new AuditEntry("system", "member-suspended", member.CcTld, subject, "reverify-grace",
                    JsonSerializer.Serialize(new { reason = "details not confirmed", requested = state.ReverifySentAt })), cancellationToken).ConfigureAwait(false);
                await NotifyAsync(connection, transaction, member, "notice.suspended", cancellationToken).ConfigureAwait(false);
                return;
        }
    }

    private async Task<(int Flagged, int Cleared)> RunBouncesAsync(IReadOnlyList<Member> active, IReadOnlyDictionary<long, MemberVetting> flags, CancellationToken cancellationToken)
    {
        var undeliverable = (await deliveryHealth.ListUndeliverableAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(u => u.MemberId);
        int flagged = 0, cleared = 0;
        foreach (var member in active)
        {
            var notified = flags.GetValueOrDefault(member.Id)?.BounceNotifiedAt;
            var bouncing = undeliverable.TryGetValue(member.Id, out var problem);
            if (bouncing && notified is null)
            {
                await database.InTransactionAsync(async (connection, transaction) =>
                {
                    await vetting.SetBounceNotifiedAsync(connection, transaction, member.Id, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                    await audit.WriteAsync(connection, transaction, new AuditEntry("system", "member-flagged-bouncing", member.CcTld, "member:" + member.PublicId, "delivery-health",
                        JsonSerializer.Serialize(new { since = problem!.Since, disabled = problem.DeliveryDisabled, reason = problem.Reason })), cancellationToken).ConfigureAwait(false);
                    await NotifyAsync(connection, transaction, member, "notice.bouncing", cancellationToken).ConfigureAwait(false);
                }, cancellationToken).ConfigureAwait(false);
                flagged++;
            }
            else if (!bouncing && notified is not null)
            {
                await database.InTransactionAsync(async (connection, transaction) =>
                {
                    await vetting.SetBounceNotifiedAsync(connection, transaction, member.Id, null, cancellationToken).ConfigureAwait(false);
                    await audit.WriteAsync(connection, transaction, new AuditEntry("system", "member-bouncing-cleared", member.CcTld, "member:" + member.PublicId, "delivery-health"), cancellationToken).ConfigureAwait(false);
                }, cancellationToken).ConfigureAwait(false);
                cleared++;
            }
        }

        return (flagged, cleared);
    }

    // The admin contact in its language (when the member has a ccTLD and its contact is known), and the committee and secretariat in theirs.
    private async Task NotifyAsync(DbConnection connection, DbTransaction transaction, Member member, string whatKey, CancellationToken cancellationToken)
    {
        var display = member.CcTld is null ? "TLD-OPS" : catalog.Find(member.CcTld)?.Display ?? "." + member.CcTld;
        var admin = member.CcTld is null ? null : await admins.FindAsync(member.CcTld, cancellationToken).ConfigureAwait(false);
        if (admin is not null)
        {
            await mailer.EnqueueAsync(connection, transaction, MemberNotice.Build([admin.Email], admin.Language, display, member, whatKey, options), cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        await mailer.EnqueueToCommitteeAsync(connection, transaction, (to, language) => MemberNotice.Build(to, language, display, member, whatKey, options), cancellationToken).ConfigureAwait(false);
    }

    private VettingMail RequestMail(Member member, MemberVetting state, string token, DateTimeOffset deadline, bool reminder)
    {
        var texts = TextCatalog.Shipped;
        var language = member.Language;
        var details = new StringBuilder();
        details.Append("  ").Append(member.Name).Append('\n');
        void Line(string labelKey, string? value)
        {
            if (value is not null)
            {
                details.Append("  ").Append(texts.Raw(language, labelKey)).Append(": ").Append(value).Append('\n');
            }
        }

        Line("repo.email", member.Email);
        Line("repo.office", member.OfficePhone?.E164);
        Line("repo.mobile", member.MobilePhone?.E164);
        Line("repo.role", state.Title);
        Line("repo.key", state.KeyFingerprint is null ? null : OpenPgpKeyInfo.Group(state.KeyFingerprint));
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["member"] = member.Name,
            ["details"] = details.ToString().TrimEnd('\n'),
            ["confirm"] = options.Link(VettingLinks.Verify(language, token)),
            ["deadline"] = JoinRequestService.When(deadline),
        };
        var body = texts.Format(language, "reverify.body", values);
        if (reminder)
        {
            body = texts.Format(language, "join-admin.reminder") + "\n\n" + body;
        }

        return new VettingMail([member.Email], language, texts.Format(language, "reverify.subject", values), body, "member:" + member.PublicId);
    }
}
