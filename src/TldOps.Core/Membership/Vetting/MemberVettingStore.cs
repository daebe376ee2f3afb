using System.Data.Common;
using Dapper;
using TldOps.Core.Storage;

namespace TldOps.Core.Membership.Vetting;

/// <summary>The <c>member_vetting</c> table; rows are created on first write.</summary>
public sealed class MemberVettingStore(Database database, TimeProvider clock)
{
    private const string Columns =
        "member_id AS MemberId, title, openpgp_key AS OpenPgpKey, key_fingerprint AS KeyFingerprint, reverify_sent_at AS ReverifySentAt, " +
        "reverify_reminders AS ReverifyReminders, unverified_since AS UnverifiedSince, reconfirm_pending AS ReconfirmPending, " +
        "bounce_notified_at AS BounceNotifiedAt";

    /// <summary>Every row, by member id.</summary>
    public async Task<IReadOnlyDictionary<long, MemberVetting>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ListAsync(connection, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every row, by member id, inside the caller's transaction.</summary>
    public async Task<IReadOnlyDictionary<long, MemberVetting>> ListAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken = default)
    {
        var rows = await connection.QueryAsync<MemberVetting>(new CommandDefinition(
            $"SELECT {Columns} FROM member_vetting", transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToDictionary(r => r.MemberId);
    }

    /// <summary>The member's row (defaults when there is none).</summary>
    public async Task<MemberVetting> GetAsync(DbConnection connection, DbTransaction? transaction, long memberId, CancellationToken cancellationToken = default)
    {
        var row = await connection.QuerySingleOrDefaultAsync<MemberVetting>(new CommandDefinition(
            $"SELECT {Columns} FROM member_vetting WHERE member_id = @memberId", new { memberId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row ?? new MemberVetting { MemberId = memberId };
    }

    /// <summary>Sets title and key (null key: no key).</summary>
    public Task SetProfileAsync(DbConnection connection, DbTransaction transaction, long memberId, string? title, string? key, string? fingerprint, CancellationToken cancellationToken = default) =>
        UpdateAsync(connection, transaction, memberId, "title = @title, openpgp_key = @key, key_fingerprint = @fingerprint", new { title, key, fingerprint }, cancellationToken);

    /// <summary>Records that a confirmation request (or a reminder) went out.</summary>
    public Task SetReverifySentAsync(DbConnection connection, DbTransaction transaction, long memberId, DateTimeOffset sentAt, int reminders, CancellationToken cancellationToken = default) =>
        UpdateAsync(connection, transaction, memberId, "reverify_sent_at = @sentAt, reverify_reminders = @reminders", new { sentAt, reminders }, cancellationToken);

    /// <summary>Flags the member unverified.</summary>
    public Task SetUnverifiedAsync(DbConnection connection, DbTransaction transaction, long memberId, DateTimeOffset since, CancellationToken cancellationToken = default) =>
        UpdateAsync(connection, transaction, memberId, "unverified_since = @since", new { since }, cancellationToken);

    /// <summary>Clears the pending request, the reminders, the unverified flag and the reconfirmation wait: the member is confirmed.</summary>
    public Task ClearVerificationAsync(DbConnection connection, DbTransaction transaction, long memberId, CancellationToken cancellationToken = default) =>
        UpdateAsync(connection, transaction, memberId,
            "reverify_sent_at = NULL, reverify_reminders = 0, unverified_since = NULL, reconfirm_pending = @no", new { no = false }, cancellationToken);

    /// <summary>Marks the member as waiting (or no longer waiting) for a new admin contact's confirmation.</summary>
    public Task SetReconfirmPendingAsync(DbConnection connection, DbTransaction transaction, long memberId, bool pending, CancellationToken cancellationToken = default) =>
        UpdateAsync(connection, transaction, memberId, "reconfirm_pending = @pending", new { pending }, cancellationToken);

    /// <summary>Records when the admin contact was told about the bounces (null: clear the flag).</summary>
    public Task SetBounceNotifiedAsync(DbConnection connection, DbTransaction transaction, long memberId, DateTimeOffset? notifiedAt, CancellationToken cancellationToken = default) =>
        UpdateAsync(connection, transaction, memberId, "bounce_notified_at = @notifiedAt", new { notifiedAt }, cancellationToken);

    private async Task UpdateAsync(DbConnection connection, DbTransaction transaction, long memberId, string assignments, object values, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO member_vetting (member_id, updated_at) VALUES (@memberId, @now) ON CONFLICT (member_id) DO NOTHING",
            new { memberId, now }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var parameters = new DynamicParameters(values);
        parameters.Add("memberId", memberId);
        parameters.Add("now", now);
        await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE member_vetting SET {assignments}, updated_at = @now WHERE member_id = @memberId",
            parameters, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }
}
