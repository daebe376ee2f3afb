using System.Data.Common;
using Dapper;
using TldOps.Core.Storage;
using TldOps.Core.Storage.Queues;

namespace TldOps.Core.Lists.Delivery;

/// <summary>
/// Writes one <c>out</c> entry per recipient of a post with a single INSERT … SELECT from the
/// member table, inside the pipeline's transaction: 10,000 recipients are one statement, not
/// 10,000 round trips, and the copies exist if and only if the post is marked distributed. Each
/// entry's return path is the member's VERP address, built in SQL from the public id. Recipients
/// are the active members whose delivery is not disabled, each address once (someone serving
/// two ccTLDs gets one copy).
/// </summary>
public sealed class FanOutWriter(Database database, ListOptions options, TimeProvider clock)
{
    /// <summary>
    /// Queues copies of stored message <paramref name="messageId"/>; <paramref name="languages"/>
    /// limits them to members with those languages, <paramref name="exceptLanguages"/> leaves
    /// those out. Returns how many were queued.
    /// </summary>
    public Task<int> WriteAsync(
        DbConnection connection,
        DbTransaction transaction,
        long messageId,
        int priority,
        string correlation,
        IReadOnlyList<string>? languages = null,
        IReadOnlyList<string>? exceptLanguages = null,
        CancellationToken cancellationToken = default)
    {
        var (prefix, suffix) = options.Addresses.VerpParts;
        var enabled = database.Dialect == SqlDialect.PostgreSql ? "(d.disabled IS NULL OR NOT d.disabled)" : "(d.disabled IS NULL OR d.disabled = 0)";
        var filter = languages is not null ? $" AND {database.InList("r.language", "languages")}"
            : exceptLanguages is { Count: > 0 } ? $" AND NOT ({database.InList("r.language", "exceptLanguages")})"
            : string.Empty;
        var sql =
            $"""
            INSERT INTO queue_entry (queue, priority, message_id, sender, recipient, correlation, payload, not_before, created_at, updated_at)
            SELECT '{QueueNames.Out}', @priority, @messageId, @prefix || m.public_id || @suffix, m.email, @correlation, '{"{}"}', @now, @now, @now
            FROM member m
            WHERE m.id IN (
                SELECT MIN(r.id) FROM member r LEFT JOIN list_member_delivery d ON d.member_id = r.id
                WHERE r.status = 'active' AND {enabled}{filter}
                GROUP BY lower(r.email))
            ORDER BY m.id
            """;
        return connection.ExecuteAsync(new CommandDefinition(sql, new
        {
            priority,
            messageId,
            prefix,
            suffix,
            correlation,
            now = clock.GetUtcNow(),
            languages = languages?.ToArray(),
            exceptLanguages = exceptLanguages?.ToArray(),
        }, transaction, cancellationToken: cancellationToken));
    }
}
