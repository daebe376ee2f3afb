using System.Text.Json;
using TldOps.Core.Audit;

namespace TldOps.Core.Membership.Joining;

public sealed partial class JoinRequestService
{
    /// <summary>
    /// Reminds admin contacts of pending requests when a reminder is due (with fresh links that
    /// expire with the request) and expires requests past their lifetime, telling the requester.
    /// Safe to run often and on several nodes: each step is guarded by the request's state and
    /// reminder count. Returns how many reminders and expiries it did.
    /// </summary>
    public async Task<(int Reminded, int Expired)> RunRemindersAsync(CancellationToken cancellationToken = default)
    {
        var reminded = 0;
        var expired = 0;
        var now = clock.GetUtcNow();
        foreach (var pending in await requests.ListAsync(JoinRequestState.Pending, limit: 5000, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (now >= pending.ExpiresAt)
            {
                expired += await ExpireAsync(pending, cancellationToken).ConfigureAwait(false) ? 1 : 0;
            }
            else if (pending.RemindersSent < options.RequestReminders.Count && now >= pending.CreatedAt + options.RequestReminders[pending.RemindersSent])
            {
                reminded += await RemindAsync(pending, now, cancellationToken).ConfigureAwait(false) ? 1 : 0;
            }
        }

        if (reminded + expired > 0)
        {
            mailer.Notify();
        }

        return (reminded, expired);
    }

    private Task<bool> ExpireAsync(JoinRequest request, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            if (!await requests.CloseAsync(connection, transaction, request.Id, JoinRequestState.Expired, request.Contacts, null, null, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            await tokens.RevokeAsync(connection, transaction, request.Subject, DecisionPurpose, cancellationToken).ConfigureAwait(false);
            await audit.WriteAsync(connection, transaction, new AuditEntry("system", "join-expired", request.CcTld, request.Subject, "schedule",
                JsonSerializer.Serialize(new { admin = request.AdminEmail, reminders = request.RemindersSent })), cancellationToken).ConfigureAwait(false);
            await mailer.EnqueueAsync(connection, transaction, DecidedMail(request with { State = JoinRequestState.Expired }), cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    private Task<bool> RemindAsync(JoinRequest request, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            // Re-read under the write lock: another node may have reminded or decided meanwhile.
            var current = await requests.GetAsync(connection, transaction, request.Id, cancellationToken).ConfigureAwait(false);
            if (current is null || current.State != JoinRequestState.Pending || current.RemindersSent != request.RemindersSent)
            {
                return false;
            }

            // The secret of the first links is not stored, so a reminder carries new ones that
            // expire with the request; the old ones keep working until one is used.
            var token = await tokens.IssueAsync(connection, transaction, DecisionPurpose, request.Subject, request.ExpiresAt - now, cancellationToken).ConfigureAwait(false);
            await requests.SetReminderAsync(connection, transaction, request.Id, token.Id, request.RemindersSent + 1, cancellationToken).ConfigureAwait(false);
            var reminder = current with { DecisionTokenId = token.Id, RemindersSent = request.RemindersSent + 1 };
            await audit.WriteAsync(connection, transaction, new AuditEntry("system", "join-reminded", request.CcTld, request.Subject, "schedule",
                JsonSerializer.Serialize(new { admin = request.AdminEmail, reminder = reminder.RemindersSent })), cancellationToken).ConfigureAwait(false);
            var messageId = await mailer.EnqueueAsync(connection, transaction, AdminRequestMail(reminder, token.Token, reminder: true), cancellationToken: cancellationToken).ConfigureAwait(false);
            await requests.SetRequestMessageIdAsync(connection, transaction, request.Id, messageId, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);
}
