using System.Data.Common;
using Dapper;
using TldOps.Core.Storage;

namespace TldOps.Core.Lists.Posts;

/// <summary>The <c>list_post</c> table: every message sent to the posting address and its fate.</summary>
public sealed class PostStore(Database database)
{
    internal const string Columns =
        "id, in_entry_id AS InEntryId, message_id AS MessageId, header_message_id AS HeaderMessageId, envelope_sender AS EnvelopeSender, " +
        "from_address AS FromAddress, from_name AS FromName, member_id AS MemberId, subject, size, authenticated_domain AS AuthenticatedDomain, " +
        "decision, trace, tags, tlp, priority, state, received_at AS ReceivedAt, decided_at AS DecidedAt, distributed_at AS DistributedAt, copies";

    /// <summary>Stores a post inside the caller's transaction and returns its id.</summary>
    public Task<long> InsertAsync(DbConnection connection, DbTransaction transaction, StoredPost post, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(post);
        return connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO list_post (in_entry_id, message_id, header_message_id, envelope_sender, from_address, from_name, member_id, subject, size,
                authenticated_domain, decision, trace, tags, tlp, priority, state, received_at, decided_at)
            VALUES (@InEntryId, @MessageId, @HeaderMessageId, @EnvelopeSender, @FromAddress, @FromName, @MemberId, @Subject, @Size,
                @AuthenticatedDomain, @Decision, @Trace, @Tags, @Tlp, @Priority, @State, @ReceivedAt, @DecidedAt)
            RETURNING id
            """, post, transaction, cancellationToken: cancellationToken));
    }

    /// <summary>Puts a post in the moderation queue with the reasons (the hold links that hit).</summary>
    public Task HoldAsync(DbConnection connection, DbTransaction transaction, long postId, IReadOnlyList<Chains.RuleCheck> causes, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO list_held (post_id, reasons, state, created_at) VALUES (@postId, @reasons, 'pending', @now)",
            new { postId, reasons = PostTrace.Write(causes), now }, transaction, cancellationToken: cancellationToken));

    /// <summary>The post made from <c>in</c> entry <paramref name="inEntryId"/>, if any (a retried entry finds its post).</summary>
    public async Task<StoredPost?> FindByInEntryAsync(long inEntryId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<StoredPost>(new CommandDefinition(
            $"SELECT {Columns} FROM list_post WHERE in_entry_id = @inEntryId", new { inEntryId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<StoredPost?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await GetAsync(connection, null, id, cancellationToken).ConfigureAwait(false);
    }

    public Task<StoredPost?> GetAsync(DbConnection connection, DbTransaction? transaction, long id, CancellationToken cancellationToken = default) =>
        connection.QuerySingleOrDefaultAsync<StoredPost>(new CommandDefinition(
            $"SELECT {Columns} FROM list_post WHERE id = @id", new { id }, transaction, cancellationToken: cancellationToken));

    /// <summary>Posts, newest first, optionally in one state.</summary>
    public async Task<IReadOnlyList<StoredPost>> ListAsync(string? state = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<StoredPost>(new CommandDefinition(
            $"SELECT {Columns} FROM list_post WHERE @state IS NULL OR state = @state ORDER BY id DESC LIMIT @limit",
            new { state, limit = Math.Clamp(limit, 1, 1000) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToList();
    }

    /// <summary>Moves a post from <paramref name="from"/> to <paramref name="to"/>; false when it was not in <paramref name="from"/>.</summary>
    public async Task<bool> SetStateAsync(DbConnection connection, DbTransaction transaction, long id, string from, string to, CancellationToken cancellationToken = default) =>
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE list_post SET state = @to WHERE id = @id AND state = @from", new { id, from, to }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;

    /// <summary>Records the pipeline's outcome: the classification, the lane and the number of copies queued.</summary>
    public Task MarkDistributedAsync(DbConnection connection, DbTransaction transaction, long id, PostClassification classification, int priority, int copies, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(classification);
        return connection.ExecuteAsync(new CommandDefinition(
            "UPDATE list_post SET state = 'distributed', tags = @tags, tlp = @tlp, priority = @priority, copies = @copies, distributed_at = @now WHERE id = @id",
            new { id, tags = System.Text.Json.JsonSerializer.Serialize(classification.Tags), tlp = classification.TlpText, priority, copies, now },
            transaction, cancellationToken: cancellationToken));
    }
}
