using Dapper;
using TldOps.Core.Membership.Vetting;
using TldOps.Core.Storage;

namespace TldOps.Core.Lists.Bounces;

/// <summary>
/// Which members cannot be reached by mail, from the list engine's bounce table. For vetting
/// (<see cref="IDeliveryHealth"/>: it flags them in the contact repository and tells their admin
/// contact) that is the members whose delivery the engine disabled; for the committee's status
/// view also those with a fresh, non-zero score.
/// </summary>
public sealed class DeliveryHealth(Database database, ListOptions options, TimeProvider clock) : IDeliveryHealth
{
    /// <inheritdoc/>
    public async Task<IReadOnlyList<UndeliverableMember>> ListUndeliverableAsync(CancellationToken cancellationToken = default)
    {
        var unreachable = await ListUnreachableAsync(cancellationToken).ConfigureAwait(false);
        return unreachable.Where(u => u.DeliveryDisabled)
            .Select(u => new UndeliverableMember(u.MemberId, u.Since ?? u.UpdatedAt, true, u.Reason))
            .ToList();
    }

    /// <summary>The members whose mail currently does not get through, by member id.</summary>
    public async Task<IReadOnlyList<UnreachableMember>> ListUnreachableAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<UnreachableMember>(new CommandDefinition(
            $"""
            SELECT member_id AS MemberId, first_bounce_at AS Since, disabled AS DeliveryDisabled, last_diagnostic AS Reason, bounce_score AS Score, updated_at AS UpdatedAt
            FROM list_member_delivery
            WHERE disabled = @yes OR (bounce_score > 0 AND last_bounce_at >= @fresh)
            ORDER BY member_id
            """, new { yes = true, fresh = clock.GetUtcNow() - options.Bounces.StaleAfter }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToList();
    }
}
