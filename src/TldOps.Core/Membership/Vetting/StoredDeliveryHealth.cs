using Dapper;
using TldOps.Core.Storage;

namespace TldOps.Core.Membership.Vetting;

/// <summary>
/// <see cref="IDeliveryHealth"/> over <c>member_vetting.bouncing_since</c>, for installations
/// where the list engine does not report bounces itself (and for operators marking a member by hand).
/// </summary>
public sealed class StoredDeliveryHealth(Database database, MemberVettingStore store) : IDeliveryHealth
{
    /// <inheritdoc/>
    public async Task<IReadOnlyList<UndeliverableMember>> ListUndeliverableAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            "SELECT member_id AS MemberId, bouncing_since AS Since FROM member_vetting WHERE bouncing_since IS NOT NULL",
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new UndeliverableMember(r.MemberId, r.Since, false)).ToList();
    }

    /// <summary>Records that a member's mail bounces since <paramref name="since"/>, or (null) that it gets through again.</summary>
    public Task SetAsync(long memberId, DateTimeOffset? since, CancellationToken cancellationToken = default) =>
        database.InTransactionAsync((connection, transaction) => store.SetBouncingSinceAsync(connection, transaction, memberId, since, cancellationToken), cancellationToken);

    private sealed class Row
    {
        public long MemberId { get; init; }

        public DateTimeOffset Since { get; init; }
    }
}
