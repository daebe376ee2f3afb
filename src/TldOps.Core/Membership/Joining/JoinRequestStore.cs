using System.Data.Common;
using System.Text.Json;
using Dapper;
using TldOps.Core.Storage;

namespace TldOps.Core.Membership.Joining;

/// <summary>The <c>join_request</c> table. Writes happen inside the caller's transaction (with the audit row and the mail).</summary>
public sealed class JoinRequestStore(Database database, TimeProvider clock)
{
    private const string Columns =
        "id, cctld AS CcTld, kind, state, source, requester_name AS RequesterName, requester_email AS RequesterEmail, " +
        "requester_language AS RequesterLanguage, contacts, admin_email AS AdminEmail, admin_name AS AdminName, " +
        "admin_language AS AdminLanguage, decision_token AS DecisionToken, reminders_sent AS RemindersSent, " +
        "created_at AS CreatedAt, expires_at AS ExpiresAt, decided_at AS DecidedAt, decided_by AS DecidedBy, authority";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Stores a new pending request and returns its id.</summary>
    public Task<long> InsertAsync(DbConnection connection, DbTransaction transaction, JoinRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO join_request (cctld, kind, state, source, requester_name, requester_email, requester_language, contacts,
                admin_email, admin_name, admin_language, decision_token, created_at, updated_at, expires_at)
            VALUES (@CcTld, @kind, 'pending', @Source, @RequesterName, @RequesterEmail, @RequesterLanguage, @contacts,
                @AdminEmail, @AdminName, @AdminLanguage, @DecisionTokenId, @CreatedAt, @CreatedAt, @ExpiresAt)
            RETURNING id
            """,
            new
            {
                request.CcTld,
                kind = request.Kind.ToCode(),
                request.Source,
                request.RequesterName,
                request.RequesterEmail,
                request.RequesterLanguage,
                contacts = JsonSerializer.Serialize(request.Contacts, Json),
                request.AdminEmail,
                request.AdminName,
                request.AdminLanguage,
                request.DecisionTokenId,
                request.CreatedAt,
                request.ExpiresAt,
            }, transaction, cancellationToken: cancellationToken))!;
    }

    /// <summary>The request, or null.</summary>
    public async Task<JoinRequest?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await GetAsync(connection, null, id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The request, or null, inside the caller's transaction.</summary>
    public async Task<JoinRequest?> GetAsync(DbConnection connection, DbTransaction? transaction, long id, CancellationToken cancellationToken = default)
    {
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM join_request WHERE id = @id", new { id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToRequest();
    }

    /// <summary>
    /// The request a decision token id belongs to (any of the tokens issued for it, used or not:
    /// a reply quoting the first mail's tag after a reminder still names the request).
    /// </summary>
    public async Task<JoinRequest?> FindByTokenIdAsync(DbConnection connection, DbTransaction? transaction, string tokenId, CancellationToken cancellationToken = default)
    {
        var subject = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT subject FROM action_token WHERE id = @tokenId AND purpose = @purpose",
            new { tokenId, purpose = JoinRequestService.DecisionPurpose }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return subject is not null && subject.StartsWith("join:", StringComparison.Ordinal)
            && long.TryParse(subject.AsSpan(5), System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? await GetAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false)
            : null;
    }

    /// <summary>Requests, newest first, optionally only in <paramref name="state"/> and/or for <paramref name="ccTld"/>.</summary>
    public async Task<IReadOnlyList<JoinRequest>> ListAsync(JoinRequestState? state = null, string? ccTld = null, int limit = 500, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ListAsync(connection, null, state, ccTld, limit, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>As <see cref="ListAsync(JoinRequestState?, string?, int, CancellationToken)"/>, inside the caller's transaction.</summary>
    public async Task<IReadOnlyList<JoinRequest>> ListAsync(DbConnection connection, DbTransaction? transaction, JoinRequestState? state, string? ccTld, int limit = 500, CancellationToken cancellationToken = default)
    {
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM join_request
            WHERE (@state IS NULL OR state = @state) AND (@ccTld IS NULL OR cctld = @ccTld)
            ORDER BY id DESC LIMIT @limit
            """,
            new { state = state?.ToCode(), ccTld, limit = Math.Clamp(limit, 1, 5000) }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToRequest()).ToList();
    }

    /// <summary>Records a new decision token (a reminder went out with fresh links) and the reminder count.</summary>
    public Task SetReminderAsync(DbConnection connection, DbTransaction transaction, long id, string tokenId, int remindersSent, CancellationToken cancellationToken = default) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE join_request SET decision_token = @tokenId, reminders_sent = @remindersSent, updated_at = @now WHERE id = @id",
            new { id, tokenId, remindersSent, now = clock.GetUtcNow() }, transaction, cancellationToken: cancellationToken));

    /// <summary>Records the Message-ID of the latest mail to the admin contact.</summary>
    public Task SetRequestMessageIdAsync(DbConnection connection, DbTransaction transaction, long id, string? messageId, CancellationToken cancellationToken = default) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE join_request SET request_message_id = @messageId WHERE id = @id",
            new { id, messageId }, transaction, cancellationToken: cancellationToken));

    /// <summary>
    /// Ends a pending request (approved, rejected or expired), with the contacts finally approved.
    /// False when it was no longer pending: of two concurrent decisions exactly one wins.
    /// </summary>
    public async Task<bool> CloseAsync(DbConnection connection, DbTransaction transaction, long id, JoinRequestState state, IReadOnlyList<JoinContact> contacts, string? decidedBy, string? authority, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE join_request SET state = @state, contacts = @contacts, decided_at = @now, decided_by = @decidedBy, authority = @authority, updated_at = @now
            WHERE id = @id AND state = 'pending'
            """,
            new { id, state = state.ToCode(), contacts = JsonSerializer.Serialize(contacts, Json), now, decidedBy, authority },
            transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return changed == 1;
    }

    private sealed class Row
    {
        public long Id { get; init; }

        public string CcTld { get; init; } = string.Empty;

        public string Kind { get; init; } = string.Empty;

        public string State { get; init; } = string.Empty;

        public string Source { get; init; } = string.Empty;

        public string? RequesterName { get; init; }

        public string RequesterEmail { get; init; } = string.Empty;

        public string RequesterLanguage { get; init; } = "en";

        public string Contacts { get; init; } = "[]";

        public string AdminEmail { get; init; } = string.Empty;

        public string? AdminName { get; init; }

        public string AdminLanguage { get; init; } = "en";

        public string DecisionToken { get; init; } = string.Empty;

        public long RemindersSent { get; init; }

        public DateTimeOffset CreatedAt { get; init; }

        public DateTimeOffset ExpiresAt { get; init; }

        public DateTimeOffset? DecidedAt { get; init; }

        public string? DecidedBy { get; init; }

        public string? Authority { get; init; }

        public JoinRequest ToRequest()
        {
            JoinCodes.TryParseKind(Kind, out var kind);
            JoinCodes.TryParseState(State, out var state);
            return new JoinRequest(Id, CcTld, kind, state, Source, RequesterName, RequesterEmail, RequesterLanguage,
                JsonSerializer.Deserialize<List<JoinContact>>(Contacts, Json) ?? [], AdminEmail, AdminName, AdminLanguage,
                DecisionToken, checked((int)RemindersSent), CreatedAt, ExpiresAt, DecidedAt, DecidedBy, Authority);
        }
    }
}
