using System.Data.Common;
using System.Text.Json;
using Dapper;
using TldOps.Core.Audit;
using TldOps.Core.Common;
using TldOps.Core.Lists.Archive;
using TldOps.Core.Lists.Notices;
using TldOps.Core.Lists.Posts;
using TldOps.Core.Storage;
using TldOps.Core.Storage.Queues;
using TldOps.Mail.Mime;

namespace TldOps.Core.Lists.Held;

/// <summary>
/// The committee's moderation queue, for <c>tldops held</c> and the portal alike: list the held
/// posts, read one with the rule trace, approve it (it goes through the pipeline like any accepted
/// post), reject it with a reason the sender is told, or discard it silently. Every decision is
/// written to the audit log with the actor and the authority it rests on, in the same transaction.
/// </summary>
public sealed class HeldMessageService(Database database, PostStore posts, QueueStore queues, ListNotices notices, ListMemberDirectory members, AuditLog audit, ListOptions options, TimeProvider clock)
{
    private const string HeldColumns = "h.state AS HeldState, h.reasons AS Reasons, h.created_at AS HeldAt, h.decided_at AS DecidedAt, h.decided_by AS DecidedBy, h.note AS Note";

    /// <summary>Held posts, oldest first; <paramref name="state"/> null lists every state.</summary>
    public async Task<IReadOnlyList<HeldMessage>> ListAsync(string? state = HeldState.Pending, int limit = 100, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<StoredPost, HeldRow, HeldMessage>(new CommandDefinition(
            $"""
            SELECT {Prefixed(PostStore.Columns)}, {HeldColumns}
            FROM list_held h JOIN list_post p ON p.id = h.post_id
            WHERE @state IS NULL OR h.state = @state
            ORDER BY h.post_id LIMIT @limit
            """, new { state, limit = Math.Clamp(limit, 1, 1000) }, cancellationToken: cancellationToken),
            (post, held) => held.ToMessage(post), splitOn: "HeldState").ConfigureAwait(false);
        return rows.ToList();
    }

    /// <summary>How many held posts are in <paramref name="state"/> (the committee's start page counts the pending ones).</summary>
    public async Task<int> CountAsync(string state = HeldState.Pending, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM list_held WHERE state = @state", new { state }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>One held post with its text, or <see cref="NotFound"/>.</summary>
    public async Task<Result<HeldMessageDetail>> GetAsync(long postId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var held = await FindAsync(connection, null, postId, cancellationToken).ConfigureAwait(false);
        if (held is null)
        {
            return new NotFound($"No held post #{postId}.");
        }

        var raw = await connection.ExecuteScalarAsync<byte[]>(new CommandDefinition(
            "SELECT raw FROM mail_message WHERE id = @id", new { id = held.Post.MessageId }, cancellationToken: cancellationToken)).ConfigureAwait(false) ?? [];
        return new HeldMessageDetail(held, ArchiveText.BodyText(MimeMessage.Load(raw)), raw);
    }

    /// <summary>
    /// Sends a held post to the list. <see cref="Conflict"/> when it was decided already, or when it
    /// is TLP:RED (never for the whole list, whoever approves).
    /// </summary>
    public async Task<Result<HeldMessage>> ApproveAsync(long postId, string actor, string authority, CancellationToken cancellationToken = default)
    {
        var result = await DecideAsync(postId, HeldState.Approved, actor, authority, null, async (connection, transaction, held) =>
        {
            if (held.Post.Tlp == PostClassifier.Format(TlpLabel.Red))
            {
                return new Conflict($"Post #{postId} is TLP:RED: it is for named recipients only and is never sent to the whole list.");
            }

            await posts.SetStateAsync(connection, transaction, postId, PostState.Held, PostState.Queued, cancellationToken).ConfigureAwait(false);
            await queues.EnqueueAsync(connection, transaction, PipelineEntry.For(postId, held.Post.MessageId, held.Post.Priority), cancellationToken).ConfigureAwait(false);
            return null;
        }, cancellationToken).ConfigureAwait(false);
        if (result.IsSuccess)
        {
            queues.Notify(QueueNames.Pipeline);
        }

        return result;
    }

    /// <summary>Refuses a held post; the sender is told <paramref name="reason"/> (unless the post was automatic mail).</summary>
    public async Task<Result<HeldMessage>> RejectAsync(long postId, string actor, string reason, string authority, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return new Invalid("A rejection needs a reason: the sender is told it.");
        }

        var result = await DecideAsync(postId, HeldState.Rejected, actor, authority, reason.Trim(), async (connection, transaction, held) =>
        {
            await posts.SetStateAsync(connection, transaction, postId, PostState.Held, PostState.Rejected, cancellationToken).ConfigureAwait(false);
            var raw = await connection.ExecuteScalarAsync<byte[]>(new CommandDefinition(
                "SELECT raw FROM mail_message WHERE id = @id", new { id = held.Post.MessageId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false) ?? [];
            if (held.Post.FromAddress is { } from && NoticePolicy.MayAnswer(MimeMessage.Load(raw), held.Post.EnvelopeSender, options.Addresses))
            {
                var member = await members.FindByEmailAsync(from, cancellationToken).ConfigureAwait(false);
                await notices.RejectedAsync(connection, transaction, new NoticeRecipient(from, held.Post.FromName, member?.Language ?? "en"), held.Post, [reason.Trim()], cancellationToken).ConfigureAwait(false);
            }

            return null;
        }, cancellationToken).ConfigureAwait(false);
        if (result.IsSuccess)
        {
            queues.Notify(QueueNames.Virgin);
        }

        return result;
    }

    /// <summary>Drops a held post without telling anyone (spam).</summary>
    public Task<Result<HeldMessage>> DiscardAsync(long postId, string actor, string authority, CancellationToken cancellationToken = default) =>
        DecideAsync(postId, HeldState.Discarded, actor, authority, null, async (connection, transaction, held) =>
        {
            await posts.SetStateAsync(connection, transaction, postId, PostState.Held, PostState.Discarded, cancellationToken).ConfigureAwait(false);
            return null;
        }, cancellationToken);

    private async Task<Result<HeldMessage>> DecideAsync(
        long postId, string state, string actor, string authority, string? note,
        Func<DbConnection, DbTransaction, HeldMessage, Task<Problem?>> apply, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(authority);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await Database.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var held = await FindAsync(connection, transaction, postId, cancellationToken).ConfigureAwait(false);
                if (held is null)
                {
                    return new NotFound($"No held post #{postId}.");
                }

                if (held.State != HeldState.Pending)
                {
                    return new Conflict($"Post #{postId} was already {held.State} by {held.DecidedBy} at {held.DecidedAt:u}.");
                }

                if (await apply(connection, transaction, held).ConfigureAwait(false) is { } problem)
                {
                    return problem;
                }

                var now = clock.GetUtcNow();
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE list_held SET state = @state, decided_at = @now, decided_by = @actor, note = @note WHERE post_id = @postId AND state = 'pending'",
                    new { postId, state, now, actor, note }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                await audit.WriteAsync(connection, transaction, new AuditEntry(
                    actor, $"post-{state}", null, PipelineEntry.Correlation(postId), authority,
                    JsonSerializer.Serialize(new { from = held.Post.FromAddress, subject = held.Post.Subject, note })), cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return held with { State = state, DecidedAt = now, DecidedBy = actor, Note = note };
            }
        }
    }

    private static async Task<HeldMessage?> FindAsync(DbConnection connection, DbTransaction? transaction, long postId, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<StoredPost, HeldRow, HeldMessage>(new CommandDefinition(
            $"SELECT {Prefixed(PostStore.Columns)}, {HeldColumns} FROM list_held h JOIN list_post p ON p.id = h.post_id WHERE h.post_id = @postId",
            new { postId }, transaction, cancellationToken: cancellationToken),
            (post, held) => held.ToMessage(post), splitOn: "HeldState").ConfigureAwait(false);
        return rows.SingleOrDefault();
    }

    private static string Prefixed(string columns) =>
        string.Join(", ", columns.Split(", ").Select(c => "p." + c));

    private sealed class HeldRow
    {
        public string HeldState { get; init; } = string.Empty;

        public string Reasons { get; init; } = "[]";

        public DateTimeOffset HeldAt { get; init; }

        public DateTimeOffset? DecidedAt { get; init; }

        public string? DecidedBy { get; init; }

        public string? Note { get; init; }

        public HeldMessage ToMessage(StoredPost post) => new(post, HeldState, PostTrace.Read(Reasons), HeldAt, DecidedAt, DecidedBy, Note);
    }
}
