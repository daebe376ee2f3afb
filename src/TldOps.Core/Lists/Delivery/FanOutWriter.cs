using System.Data.Common;
using System.Text.Json;
using Dapper;
using TldOps.Core.Lists.Posts;
using TldOps.Core.Storage;
using TldOps.Core.Storage.Queues;

namespace TldOps.Core.Lists.Delivery;

/// <summary>
/// Writes one <c>out</c> entry per recipient of a post, with INSERT … SELECT from the member table
/// (a piece of the list is one statement, not one round trip per recipient). Each entry's return
/// path is the member's VERP address, built in SQL from the public id. Recipients are the active
/// members whose delivery is not disabled, each address once (someone serving two ccTLDs gets one
/// copy: the lowest member id with that address).
/// <para>
/// A post's fan-out starts inside the pipeline's transaction, which marks the post distributed:
/// the first <see cref="DeliveryOptions.FanOutHeadStart"/> recipients of each prepared copy (none
/// by default) as ready entries, and a durable cursor (<c>list_fanout</c>) if more remain. The delivery runners
/// write the rest themselves: this is the <c>out</c> queue's <see cref="IQueueFeed"/>, so a lease
/// that finds no ready copies writes the next recipients behind the cursor, already leased to
/// the runner, and moves the cursor, all in the lease's transaction. A copy is thus written when a
/// runner has room to send it, once, and never read back or updated to be leased; the writer
/// lock is held by one party instead of the pipeline's chunks and the runners' leases taking
/// turns. The cursor is durable, so a node that dies mid fan-out leaves it to any node's next
/// lease; cursors go by priority (an alert's before a bulk mailing's), and the alert runner
/// takes only the alert lane's. Membership changes during a fan-out apply to the members it
/// has not reached yet.
/// </para>
/// </summary>
public sealed class FanOutWriter(Database database, ListOptions options, TimeProvider clock) : IQueueFeed
{
    private const string CursorColumns =
        "id, post_id, message_id, priority, languages, except_languages, after_member_id";

    // The texts of the hot statements, built once: a lease runs them every few milliseconds
    // during a fan-out, and on SQLite each text is the key of its compiled statement.
    private readonly string _nextCursorSql =
        $"SELECT {CursorColumns} FROM list_fanout WHERE priority <= @maxPriority ORDER BY priority, id LIMIT 1"
        + (database.Dialect == SqlDialect.PostgreSql ? " FOR UPDATE" : string.Empty);

    private readonly string _lastOfChunkSql =
        $"SELECT m.id FROM member m LEFT JOIN list_member_delivery d ON d.member_id = m.id WHERE m.id > @after AND {Eligible(database, "m", "d")} ORDER BY m.id LIMIT 1 OFFSET @skip";

    private readonly string _insertReadySql = InsertSql(database, leased: false);

    private readonly string _insertLeasedSql = InsertSql(database, leased: true)
        + (database.Dialect == SqlDialect.PostgreSql ? " RETURNING id, sender, recipient" : string.Empty);

    /// <inheritdoc/>
    public string Queue => QueueNames.Out;

    /// <summary>
    /// Inside the transaction that marks post <paramref name="postId"/> distributed: queues the
    /// copy's first recipients and, if more may remain, records where the delivery runners go on.
    /// Returns how many were queued and whether a cursor was left for the others.
    /// </summary>
    public async Task<FanOutStart> BeginAsync(
        DbConnection connection,
        DbTransaction transaction,
        long postId,
        long messageId,
        int priority,
        IReadOnlyList<string>? languages,
        IReadOnlyList<string>? exceptLanguages,
        CancellationToken cancellationToken = default)
    {
        var copy = new FanOutCopy(messageId, priority, PipelineEntry.Correlation(postId), languages, exceptLanguages);
        var headStart = options.Delivery.FanOutHeadStart;
        var chunk = headStart > 0
            ? await WriteChunkAsync(connection, transaction, copy, 0, headStart, null, cancellationToken).ConfigureAwait(false)
            : new FanOutChunk(0, 0, []);
        if (chunk.NextAfter is { } after)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO list_fanout (post_id, message_id, priority, languages, except_languages, after_member_id, created_at)
                VALUES (@postId, @messageId, @priority, @languages, @exceptLanguages, @after, @now)
                """,
                new { postId, messageId, priority, languages = Json(languages), exceptLanguages = Json(exceptLanguages), after, now = clock.GetUtcNow() },
                transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        return new FanOutStart(chunk.Written, chunk.NextAfter is not null);
    }

    /// <summary>
    /// The feed of the <c>out</c> queue: writes the next recipients behind the cursors the
    /// lease may take (lowest priority value first, then oldest), leased as
    /// <paramref name="request"/> says, until its room is filled or no cursor is left.
    /// On PostgreSQL a lease waits for another that is writing from the same cursor (the row lock;
    /// that lease's transaction is short): skipping the cursor instead left the runner with an
    /// empty lease, idle until the poll interval, while the other wrote the whole fan-out.
    /// </summary>
    public async Task<int> PullAsync(DbConnection connection, DbTransaction transaction, FeedRequest request, List<QueueEntry> leased, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(leased);
        var pulled = 0;
        while (pulled < request.Limit)
        {
            var cursor = await NextCursorAsync(connection, transaction, request.MaxPriority, cancellationToken).ConfigureAwait(false);
            if (cursor is null)
            {
                break;
            }

            var copy = cursor.Copy();
            var chunk = await WriteChunkAsync(connection, transaction, copy, cursor.AfterMemberId, request.Limit - pulled, request, cancellationToken).ConfigureAwait(false);
            var moved = await ExecuteAsync(connection, transaction,
                chunk.NextAfter is null
                    ? "DELETE FROM list_fanout WHERE id = @id AND after_member_id = @expected"
                    : "UPDATE list_fanout SET after_member_id = @next WHERE id = @id AND after_member_id = @expected",
                [("id", cursor.Id), ("expected", cursor.AfterMemberId), ("next", chunk.NextAfter)], cancellationToken).ConfigureAwait(false);
            if (moved != 1)
            {
                // The cursor is locked (the SQLite writer lock, the row lock on PostgreSQL): this is a bug, not a race.
                throw new InvalidOperationException($"The fan-out cursor of post #{cursor.PostId} moved under a lease.");
            }

            if (chunk.Written > 0)
            {
                // The post's count of copies queued (list_post.copies) grows with each piece.
                await ExecuteAsync(connection, transaction, "UPDATE list_post SET copies = COALESCE(copies, 0) + @copies WHERE id = @id",
                    [("id", cursor.PostId), ("copies", chunk.Written)], cancellationToken).ConfigureAwait(false);
                leased.AddRange(chunk.Leased);
                pulled += chunk.Written;
            }
        }

        return pulled;
    }

    /// <summary>The cursor a lease of lanes up to <paramref name="maxPriority"/> writes from next, if any.</summary>
    private async Task<CursorRow?> NextCursorAsync(DbConnection connection, DbTransaction transaction, int maxPriority, CancellationToken cancellationToken)
    {
        await using var reader = await ReadAsync(connection, transaction, _nextCursorSql, [("maxPriority", maxPriority)], cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadCursor(reader) : null;
    }

    /// <summary>
    /// The fan-outs still under way, for operators: each cursor's post, lane and how many members
    /// it has yet to reach (eligible members after the cursor; an address shared by two members
    /// counts twice here and gets one copy).
    /// </summary>
    public async Task<IReadOnlyList<PendingFanOut>> PendingAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var cursors = new List<CursorRow>();
        await using (var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT {CursorColumns} FROM list_fanout ORDER BY priority, id", cancellationToken: cancellationToken)).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                cursors.Add(ReadCursor(reader));
            }
        }

        var pending = new List<PendingFanOut>(cursors.Count);
        foreach (var cursor in cursors)
        {
            var copy = cursor.Copy();
            var left = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                $"SELECT COUNT(*) FROM member m LEFT JOIN list_member_delivery d ON d.member_id = m.id WHERE m.id > @after AND {Eligible(database, "m", "d")}",
                Parameters([("after", cursor.AfterMemberId), .. Filters(copy)]), cancellationToken: cancellationToken)).ConfigureAwait(false);
            pending.Add(new PendingFanOut(cursor.PostId, cursor.Priority, left));
        }

        return pending;
    }

    /// <summary>
    /// Queues the recipients after member <paramref name="afterMemberId"/>, at most
    /// <paramref name="limit"/>: ready, or leased as <paramref name="lease"/> says and returned.
    /// NextAfter is the last member reached, or null when no recipient is left after this chunk.
    /// </summary>
    private async Task<FanOutChunk> WriteChunkAsync(
        DbConnection connection, DbTransaction transaction, FanOutCopy copy, long afterMemberId, int limit, FeedRequest? lease, CancellationToken cancellationToken)
    {
        var filters = Filters(copy);
        // The last member of this chunk, none when fewer than a chunk's worth remain. Counted
        // over eligible members without the once-per-address test, which the INSERT applies:
        // a chunk may write a few rows fewer than its size, for the price of one index walk.
        long? upTo;
        await using (var reader = await ReadAsync(connection, transaction, _lastOfChunkSql,
            [("after", afterMemberId), ("skip", limit - 1), .. filters], cancellationToken).ConfigureAwait(false))
        {
            upTo = await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? reader.GetInt64(0) : null;
        }

        var (prefix, suffix) = options.Addresses.VerpParts;
        var now = lease?.Now ?? clock.GetUtcNow();
        (string, object?)[] arguments =
        [
            ("priority", copy.Priority), ("messageId", copy.MessageId), ("prefix", prefix), ("suffix", suffix), ("correlation", copy.Correlation),
            ("now", now), ("after", afterMemberId), ("upTo", upTo ?? long.MaxValue), .. filters,
        ];
        if (lease is null)
        {
            var written = await ExecuteAsync(connection, transaction, _insertReadySql, arguments, cancellationToken).ConfigureAwait(false);
            return new FanOutChunk(written, upTo, []);
        }

        // What the runner needs of each copy it is about to send; the rest it knows already.
        var leased = new List<QueueEntry>(limit);
        await using (var reader = await WriteLeasedAsync(connection, transaction, [.. arguments, ("owner", lease.Owner), ("until", lease.Until)], cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                leased.Add(new QueueEntry
                {
                    Id = reader.GetInt64(0),
                    Queue = QueueNames.Out,
                    Priority = copy.Priority,
                    MessageId = copy.MessageId,
                    Sender = reader.GetString(1),
                    Recipient = reader.GetString(2),
                    Correlation = copy.Correlation,
                    Payload = "{}",
                    State = "ready",
                    Attempts = 1,
                    NotBefore = now,
                    LeaseOwner = lease.Owner,
                    LeaseUntil = lease.Until,
                    CreatedAt = now,
                    UpdatedAt = now,
                });
            }
        }

        return new FanOutChunk(leased.Count, upTo, leased);
    }

    /// <summary>
    /// Writes a leased chunk and reads back each entry's id, return path and recipient. On
    /// PostgreSQL that is the INSERT's RETURNING. SQLite 3.35's RETURNING buffers the rows before
    /// the first is read, and cost about 4 µs more per row than this (bench/README.md): the ids
    /// that one INSERT … SELECT gives an AUTOINCREMENT table under the writer lock are
    /// consecutive, ending at the last inserted row id, so the rows just written are read back by
    /// that range of the primary key.
    /// </summary>
    private async Task<DbDataReader> WriteLeasedAsync(DbConnection connection, DbTransaction transaction, (string, object?)[] arguments, CancellationToken cancellationToken)
    {
        if (database.Dialect == SqlDialect.PostgreSql)
        {
            return await ReadAsync(connection, transaction, _insertLeasedSql, arguments, cancellationToken).ConfigureAwait(false);
        }

        var written = await ExecuteAsync(connection, transaction, _insertLeasedSql, arguments, cancellationToken).ConfigureAwait(false);
        var last = SQLitePCL.raw.sqlite3_last_insert_rowid(((Microsoft.Data.Sqlite.SqliteConnection)connection).Handle);
        return await ReadAsync(connection, transaction, "SELECT id, sender, recipient FROM queue_entry WHERE id > @first AND id <= @last ORDER BY id",
            [("first", last - written), ("last", last)], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The INSERT … SELECT of a chunk; leased, it sets the lease. PostgreSQL turns NOT EXISTS into
    /// a hash anti-join that reads every member for each chunk (16 ms per 500 of 10,000 members,
    /// growing with the list); OFFSET 0 keeps it a look-up in member_active_email per member (8 ms,
    /// most of it the insert). SQLite has no OFFSET without LIMIT and looks up by index anyway.
    /// </summary>
    private static string InsertSql(Database database, bool leased)
    {
        var fence = database.Dialect == SqlDialect.PostgreSql ? " OFFSET 0" : string.Empty;
        var (leaseColumns, leaseValues) = leased ? (", lease_owner, lease_until, attempts", ", @owner, @until, 1") : (string.Empty, string.Empty);
        return $"""
            INSERT INTO queue_entry (queue, priority, message_id, sender, recipient, correlation, payload, not_before, created_at, updated_at{leaseColumns})
            SELECT '{QueueNames.Out}', @priority, @messageId, @prefix || m.public_id || @suffix, m.email, @correlation, '{"{}"}', @now, @now, @now{leaseValues}
            FROM member m LEFT JOIN list_member_delivery d ON d.member_id = m.id
            WHERE m.id > @after AND m.id <= @upTo AND {Eligible(database, "m", "d")}
              AND NOT EXISTS (
                  SELECT 1 FROM member r LEFT JOIN list_member_delivery e ON e.member_id = r.id
                  WHERE lower(r.email) = lower(m.email) AND r.id < m.id AND {Eligible(database, "r", "e")}{fence})
            ORDER BY m.id
            """;
    }

    /// <summary>
    /// Active, delivery not disabled, and of the copy's languages (the index member_active_email
    /// serves the address look-up). One text for every copy, so that SQLite keeps it compiled:
    /// the languages travel as parameters (<see cref="Filters"/>), null when they do not apply.
    /// </summary>
    private static string Eligible(Database database, string member, string delivery)
    {
        if (database.Dialect == SqlDialect.PostgreSql)
        {
            return $"{member}.status = 'active' AND ({delivery}.disabled IS NULL OR NOT {delivery}.disabled)"
                + $" AND (@languages::text[] IS NULL OR {member}.language = ANY(@languages::text[]))"
                + $" AND (@exceptLanguages::text[] IS NULL OR NOT ({member}.language = ANY(@exceptLanguages::text[])))";
        }

        return $"{member}.status = 'active' AND ({delivery}.disabled IS NULL OR {delivery}.disabled = 0)"
            + $" AND (@languages IS NULL OR {member}.language IN (SELECT value FROM json_each(@languages)))"
            + $" AND (@exceptLanguages IS NULL OR {member}.language NOT IN (SELECT value FROM json_each(@exceptLanguages)))";
    }

    /// <summary>The copy's language filters as <see cref="Eligible"/> reads them: arrays on PostgreSQL, JSON on SQLite.</summary>
    private (string, object?)[] Filters(FanOutCopy copy)
    {
        var except = copy.ExceptLanguages is { Count: > 0 } ? copy.ExceptLanguages : null;
        return database.Dialect == SqlDialect.PostgreSql
            ? [("languages", copy.Languages?.ToArray()), ("exceptLanguages", except?.ToArray())]
            : [("languages", Json(copy.Languages)), ("exceptLanguages", Json(except))];
    }

    /// <summary>
    /// Runs <paramref name="sql"/> in the write transaction and reads its rows. On SQLite the
    /// statement is kept compiled: the delivery runners' leases run these every few
    /// milliseconds during a fan-out, and compiling them each time cost about as much as
    /// writing a lease's worth of copies (bench/README.md).
    /// </summary>
    private async Task<DbDataReader> ReadAsync(DbConnection connection, DbTransaction transaction, string sql, (string, object?)[] arguments, CancellationToken cancellationToken)
    {
        if (database.Dialect == SqlDialect.Sqlite)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Bind(connection, transaction, sql, arguments).Command.ExecuteReader();
        }

        return await connection.ExecuteReaderAsync(new CommandDefinition(sql, Parameters(arguments), transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <inheritdoc cref="ReadAsync"/>
    private Task<int> ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, (string, object?)[] arguments, CancellationToken cancellationToken)
    {
        if (database.Dialect == SqlDialect.Sqlite)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromResult(Bind(connection, transaction, sql, arguments).Command.ExecuteNonQuery());
        }

        return connection.ExecuteAsync(new CommandDefinition(sql, Parameters(arguments), transaction, cancellationToken: cancellationToken));
    }

    private SqliteStatement Bind(DbConnection connection, DbTransaction transaction, string sql, (string, object?)[] arguments)
    {
        var statement = database.Statement(connection, transaction, sql);
        foreach (var (name, value) in arguments)
        {
            statement.Set(name, value);
        }

        return statement;
    }

    private static DynamicParameters Parameters((string, object?)[] arguments)
    {
        var parameters = new DynamicParameters();
        foreach (var (name, value) in arguments)
        {
            parameters.Add(name, value);
        }

        return parameters;
    }

    private static CursorRow ReadCursor(DbDataReader row) => new(
        row.GetInt64(0), row.GetInt64(1), row.GetInt64(2), row.GetInt32(3), row.IsDBNull(4) ? null : row.GetString(4), row.IsDBNull(5) ? null : row.GetString(5), row.GetInt64(6));

    private static string? Json(IReadOnlyList<string>? list) => list is null ? null : JsonSerializer.Serialize(list);

    private static List<string>? List(string? json) => json is null ? null : JsonSerializer.Deserialize<List<string>>(json);

    private sealed record FanOutCopy(long MessageId, int Priority, string Correlation, IReadOnlyList<string>? Languages, IReadOnlyList<string>? ExceptLanguages);

    private sealed record FanOutChunk(int Written, long? NextAfter, List<QueueEntry> Leased);

    private sealed record CursorRow(long Id, long PostId, long MessageId, int Priority, string? Languages, string? ExceptLanguages, long AfterMemberId)
    {
        /// <summary>The prepared copy this cursor fans out.</summary>
        public FanOutCopy Copy() => new(MessageId, Priority, PipelineEntry.Correlation(PostId), List(Languages), List(ExceptLanguages));
    }
}
