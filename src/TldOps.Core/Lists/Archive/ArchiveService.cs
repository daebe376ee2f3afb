using System.Data.Common;
using System.Text.Json;
using Dapper;
using TldOps.Core.Lists.Posts;
using TldOps.Core.Storage;
using TldOps.Mail.Addresses;
using TldOps.Mail.Mime;

namespace TldOps.Core.Lists.Archive;

/// <summary>
/// The members-only archive of distributed posts: the raw message (in <c>mail_message</c>) and
/// its parsed fields, threads, and full-text search (SQLite FTS5, PostgreSQL tsvector). The
/// portal and <c>tldops archive search</c> call this service; who may read it (members only) is
/// their check, made before calling.
/// </summary>
public sealed partial class ArchiveService(Database database, ListOptions options, TimeProvider clock)
{
    private const string MessageColumns =
        "m.id, m.post_id AS PostId, m.thread_id AS ThreadId, m.message_id AS MessageId, m.header_message_id AS HeaderMessageId, m.in_reply_to AS InReplyTo, " +
        "m.subject, m.author_name AS AuthorName, m.author_email AS AuthorEmail, m.member_id AS MemberId, m.cctld AS CcTld, m.tags, m.tlp, " +
        "m.sent_at AS SentAt, m.archived_at AS ArchivedAt, m.body_text AS BodyText";

    private const string ThreadColumns = "id, subject, started_at AS StartedAt, last_at AS LastAt, message_count AS MessageCount";

    // A subject alone joins an existing thread only while that thread is this recent.
    private static readonly TimeSpan SubjectThreadWindow = TimeSpan.FromDays(30);

    /// <summary>
    /// Archives <paramref name="message"/> (as received) for <paramref name="post"/> and returns
    /// the archive id; archiving the same post again returns the first id (runners may retry).
    /// </summary>
    public Task<long> ArchiveAsync(StoredPost post, MimeMessage message, PostClassification classification, string? ccTld, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(classification);
        return database.InTransactionAsync(async (connection, transaction) =>
        {
            var existing = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                "SELECT id FROM archive_message WHERE post_id = @postId", new { postId = post.Id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (existing is { } id)
            {
                return id;
            }

            var now = clock.GetUtcNow();
            var subject = message.Subject ?? post.Subject ?? string.Empty;
            var inReplyTo = MessageIds(message.Headers["In-Reply-To"]).LastOrDefault();
            var threadId = await FindThreadAsync(connection, transaction, message, subject, now, cancellationToken).ConfigureAwait(false)
                ?? await NewThreadAsync(connection, transaction, subject, now, cancellationToken).ConfigureAwait(false);
            var author = message.From.OfType<MailboxAddress>().FirstOrDefault();
            var row = new
            {
                postId = post.Id,
                threadId,
                messageId = post.MessageId,
                headerMessageId = message.MessageId,
                inReplyTo,
                subject,
                authorName = author?.DisplayName,
                authorEmail = author?.Address,
                memberId = post.MemberId,
                ccTld,
                tags = JsonSerializer.Serialize(classification.Tags),
                tlp = classification.TlpText,
                sentAt = message.Date,
                now,
                body = ArchiveText.BodyText(message),
            };
            var archiveId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                """
                INSERT INTO archive_message (post_id, thread_id, message_id, header_message_id, in_reply_to, subject, author_name, author_email,
                    member_id, cctld, tags, tlp, sent_at, archived_at, body_text)
                VALUES (@postId, @threadId, @messageId, @headerMessageId, @inReplyTo, @subject, @authorName, @authorEmail,
                    @memberId, @ccTld, @tags, @tlp, @sentAt, @now, @body)
                RETURNING id
                """, row, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (database.Dialect == SqlDialect.Sqlite)
            {
                // External-content FTS5: the index row is written with the message, in one transaction.
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO archive_search (rowid, subject, author_name, body_text) VALUES (@archiveId, @subject, @authorName, @body)",
                    new { archiveId, row.subject, row.authorName, row.body }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            }

            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE archive_thread SET last_at = @now, message_count = message_count + 1 WHERE id = @threadId",
                new { threadId, now }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return archiveId;
        }, cancellationToken);
    }

    /// <summary>Threads by latest activity, newest first; <paramref name="before"/> pages on (a thread's LastAt).</summary>
    public async Task<IReadOnlyList<ArchiveThread>> ThreadsAsync(int limit = 50, DateTimeOffset? before = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<ArchiveThread>(new CommandDefinition(
            $"SELECT {ThreadColumns} FROM archive_thread WHERE last_at < @before ORDER BY last_at DESC, id DESC LIMIT @limit",
            new { before = before ?? DateTimeOffset.MaxValue, limit = Math.Clamp(limit, 1, 500) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToList();
    }

    /// <summary>One thread with its messages, or null.</summary>
    public async Task<ArchiveThreadView?> ThreadAsync(long threadId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var thread = await connection.QuerySingleOrDefaultAsync<ArchiveThread>(new CommandDefinition(
            $"SELECT {ThreadColumns} FROM archive_thread WHERE id = @threadId", new { threadId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (thread is null)
        {
            return null;
        }

        var messages = await connection.QueryAsync<ArchiveMessage>(new CommandDefinition(
            $"SELECT {MessageColumns} FROM archive_message m WHERE m.thread_id = @threadId ORDER BY m.id",
            new { threadId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new ArchiveThreadView(thread, messages.ToList());
    }

    /// <summary>One archived message, or null.</summary>
    public async Task<ArchiveMessage?> MessageAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<ArchiveMessage>(new CommandDefinition(
            $"SELECT {MessageColumns} FROM archive_message m WHERE m.id = @id", new { id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>The bytes of an archived message as it was received, or null.</summary>
    public async Task<byte[]?> RawAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<byte[]?>(new CommandDefinition(
            "SELECT r.raw FROM archive_message m JOIN mail_message r ON r.id = m.message_id WHERE m.id = @id",
            new { id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>The address of an archived message's page, or null when <see cref="ListOptions.ArchiveUrl"/> is not set.</summary>
    public string? UrlOf(long archiveId) =>
        string.IsNullOrWhiteSpace(options.ArchiveUrl) ? null : $"{options.ArchiveUrl.TrimEnd('/')}/message/{archiveId}";

    private async Task<long?> FindThreadAsync(DbConnection connection, DbTransaction transaction, MimeMessage message, string subject, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The nearest ancestor first: In-Reply-To, then References from the last (RFC 5322 §3.6.4).
        var ancestors = MessageIds(message.Headers["In-Reply-To"]).Concat(MessageIds(message.Headers["References"]).Reverse()).Distinct(StringComparer.Ordinal).Take(20).ToList();
        foreach (var ancestor in ancestors)
        {
            var thread = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                "SELECT thread_id FROM archive_message WHERE header_message_id = @ancestor ORDER BY id LIMIT 1",
                new { ancestor }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (thread is not null)
            {
                return thread;
            }
        }

        var normalised = ArchiveText.ThreadSubject(subject, options.SubjectPrefix);
        if (ancestors.Count == 0 || normalised == "(no subject)")
        {
            return null;
        }

        // A reply whose parent is not archived (sent off-list, or before the archive existed) joins by subject.
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT id FROM archive_thread WHERE subject = @normalised AND last_at >= @since ORDER BY last_at DESC LIMIT 1",
            new { normalised, since = now - SubjectThreadWindow }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private Task<long> NewThreadAsync(DbConnection connection, DbTransaction transaction, string subject, DateTimeOffset now, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO archive_thread (subject, started_at, last_at, message_count) VALUES (@subject, @now, @now, 0) RETURNING id",
            new { subject = ArchiveText.ThreadSubject(subject, options.SubjectPrefix), now }, transaction, cancellationToken: cancellationToken));

    /// <summary>The message ids (without brackets) in a References or In-Reply-To value.</summary>
    private static IEnumerable<string> MessageIds(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            yield break;
        }

        var start = value.IndexOf('<', StringComparison.Ordinal);
        while (start >= 0)
        {
            var end = value.IndexOf('>', start + 1);
            if (end < 0)
            {
                yield break;
            }

            var id = value[(start + 1)..end].Trim();
            if (id.Length is > 0 and <= 998)
            {
                yield return id;
            }

            start = value.IndexOf('<', end + 1);
        }
    }
}
