using System.Text.Json;
using TldOps.Core.Audit;
using TldOps.Core.Common;
using TldOps.Core.Membership.Joining;
using TldOps.Core.Membership.Mail;
using TldOps.Core.Membership.Texts;

namespace TldOps.Core.Membership.Reconfirmation;

public sealed partial class ReconfirmationService
{
    /// <summary>
    /// A reconfirmation answered by mail: "confirm" (or "approve") confirms every waiting contact,
    /// "reject" suspends them now. Only the new admin contact decides: from its address, or with
    /// it in Cc; anyone else is refused, audited and told.
    /// </summary>
    public async Task<ReplyOutcome> DecideByReplyAsync(ReplyDecision reply, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reply);
        CcTldVetting? row;
        await using (var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            row = await states.FindByTokenIdAsync(connection, null, reply.TokenId, cancellationToken).ConfigureAwait(false);
        }

        if (row is null)
        {
            return ReplyOutcome.UnknownRequest;
        }

        var authority = reply.AuthorityFor(await admins.FindAsync(row.CcTld, cancellationToken).ConfigureAwait(false), row.AdminEmail);

        if (authority is null)
        {
            await database.InTransactionAsync(async (connection, transaction) =>
            {
                await audit.WriteAsync(connection, transaction, new AuditEntry("public:" + reply.From, "reconfirm-refused", row.CcTld, "cctld:" + row.CcTld,
                    $"message:{reply.MessageRef} from {reply.From}", JsonSerializer.Serialize(new { reason = "not the administrative contact", admin = row.AdminEmail })), cancellationToken).ConfigureAwait(false);
                await mailer.EnqueueAsync(connection, transaction, RefusalMail(row, reply.From), cancellationToken: cancellationToken).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
            mailer.Notify();
            return ReplyOutcome.Refused;
        }

        var outcome = await database.InTransactionAsync(async (connection, transaction) =>
        {
            var current = await states.GetAsync(connection, transaction, row.CcTld, cancellationToken).ConfigureAwait(false);
            if (current is null || current.State != CcTldVettingStore.Reconfirm || current.TokenId != row.TokenId)
            {
                return ReplyOutcome.NotPending;
            }

            var (pending, _) = await SplitAsync(connection, transaction, row.CcTld, cancellationToken).ConfigureAwait(false);
            if (reply.Decision == JoinDecision.Approve)
            {
                await ConfirmAsync(connection, transaction, row.CcTld, pending, authority, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await states.FinishAsync(connection, transaction, row.CcTld, cancellationToken).ConfigureAwait(false);
                await tokens.RevokeAsync(connection, transaction, "cctld:" + row.CcTld, Purpose, cancellationToken).ConfigureAwait(false);
                await SuspendAsync(connection, transaction, row, pending, authority, cancellationToken).ConfigureAwait(false);
                await audit.WriteAsync(connection, transaction, new AuditEntry("admin-contact:" + row.CcTld, "reconfirm-rejected", row.CcTld, "cctld:" + row.CcTld, authority), cancellationToken).ConfigureAwait(false);
            }

            return ReplyOutcome.Applied;
        }, cancellationToken).ConfigureAwait(false);
        mailer.Notify();
        return outcome;
    }

    private VettingMail RequestMail(CcTldVetting row, IReadOnlyList<Member> pending, string token)
    {
        var texts = TextCatalog.Shipped;
        var language = row.AdminLanguage;
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["admin"] = row.AdminName ?? row.AdminEmail!,
            ["adminEmail"] = row.AdminEmail!,
            ["cctld"] = Display(row.CcTld),
            ["country"] = catalog.Find(row.CcTld)?.Name(language) ?? Display(row.CcTld),
            ["tag"] = row.TokenId!,
            ["contacts"] = string.Join('\n', pending.Select((m, i) =>
                $"  {i + 1}. {m.Name} <{m.Email}>" + ((m.OfficePhone ?? m.MobilePhone) is { } phone ? $", {phone.E164}" : string.Empty))),
            ["confirm"] = options.Link(VettingLinks.Reconfirm(language, token, "confirm")),
            ["review"] = options.Link(VettingLinks.Reconfirm(language, token, "review")),
            ["deadline"] = JoinRequestService.When(row.Deadline!.Value),
        };
        return new VettingMail([row.AdminEmail!], language, texts.Format(language, "reconfirm.subject", values), texts.Format(language, "reconfirm.body", values), "cctld:" + row.CcTld);
    }

    private VettingMail RefusalMail(CcTldVetting row, string to)
    {
        var texts = TextCatalog.Shipped;
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["cctld"] = Display(row.CcTld),
            ["adminEmail"] = row.AdminEmail!,
            ["tag"] = row.TokenId!,
        };
        return new VettingMail([to], row.AdminLanguage, texts.Format(row.AdminLanguage, "refused.subject", values), texts.Format(row.AdminLanguage, "refused.body", values), "cctld:" + row.CcTld);
    }

    private VettingMail NoticeMail(IReadOnlyList<string> to, string language, string ccTld, Member member, string whatKey) =>
        MemberNotice.Build(to, language, Display(ccTld), member, whatKey, options);
}
