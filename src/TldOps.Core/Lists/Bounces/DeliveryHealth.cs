using Dapper;
using TldOps.Core.Storage;

namespace TldOps.Core.Lists.Bounces;

/// <summary>
/// Which members cannot be reached by mail, from the list engine's bounce table: a score above
/// zero from a bounce that is not stale, or delivery disabled. Vetting flags them in the contact
/// repository and tells their admin contact (its <c>IDeliveryHealth</c> reads this).
/// </summary>
public sealed class DeliveryHealth(Database database, ListOptions options, TimeProvider clock)
{
    /// <summary>The members whose mail currently does not get through, by member id.</summary>
    public async Task<IReadOnlyList<UnreachableMember>> ListUnreachableAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<UnreachableMember>(new CommandDefinition(
            $"""
            SELECT member_id AS MemberId, first_bounce_at AS Since, disabled AS DeliveryDisabled, last_diagnostic AS Reason, bounce_score AS Score
            FROM list_member_delivery
            WHERE disabled = @yes OR (bounce_score > 0 AND last_bounce_at >= @fresh)
            ORDER BY member_id
            """, new { yes = true, fresh = clock.GetUtcNow() - options.Bounces.StaleAfter }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToList();
    }
}
