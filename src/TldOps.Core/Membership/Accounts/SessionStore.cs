using System.Data.Common;
using Dapper;
using TldOps.Core.Common;
using TldOps.Core.Security;
using TldOps.Core.Storage;

namespace TldOps.Core.Membership.Accounts;

/// <summary>
/// Server-side sessions: the cookie holds 256 random bits, the table only their SHA-256, so a
/// session can be revoked at any time (logout, a role change) and a stolen copy of the database
/// opens none. A session ends at its idle timeout, its absolute lifetime, or its revocation;
/// one that is not complete (waiting for a second factor) ends after a few minutes.
/// </summary>
public sealed class SessionStore(Database database, AccountOptions options, IRandomSource random, TimeProvider clock)
{
    private const int SecretBytes = 32;

    /// <summary>The cookie secret is base64url of <see cref="SecretBytes"/> bytes: 43 characters.</summary>
    private const int SecretLength = 43;

    private const int MaxUserAgentLength = 200;

    /// <summary>Hex digits of the stored hash that name a session: 64 bits, unique in practice, useless to an attacker.</summary>
    private const int ReferenceLength = 16;

    /// <summary>A session with its member's account, for <see cref="SessionRow"/>; callers add the WHERE clause.</summary>
    private const string Select =
        $"""
        SELECT s.id AS SessionId, s.stage AS Stage, s.created_at AS CreatedAt, s.last_seen_at AS LastSeenAt, s.expires_at AS ExpiresAt,
               s.user_agent AS UserAgent, s.revoked_at AS RevokedAt, {AccountRow.Columns}
        FROM account_session s JOIN member m ON m.id = s.member_id {AccountRow.Joins}
        """;

    /// <summary>Starts a session for <paramref name="memberId"/> inside the caller's transaction.</summary>
    public async Task<IssuedSession> CreateAsync(DbConnection connection, DbTransaction transaction, long memberId, SessionStage stage, string? userAgent, CancellationToken cancellationToken = default)
    {
        var secret = TokenSecrets.RandomText(random, SecretBytes);
        var now = clock.GetUtcNow();
        var expires = now + (stage == SessionStage.Complete ? options.SessionLifetime : options.SecondFactorTimeout);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO account_session (id, member_id, stage, created_at, last_seen_at, expires_at, user_agent)
            VALUES (@id, @memberId, @stage, @now, @now, @expires, @agent)
            """,
            new { id = TokenSecrets.Hash(secret), memberId, stage = ToCode(stage), now, expires, agent = Bound(userAgent) },
            transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new IssuedSession(secret, stage, expires);
    }

    /// <summary>
    /// The live session behind a cookie value, or null: unknown, revoked, past its idle timeout
    /// or lifetime, or its member no longer active. Records the use (at most once per touch interval).
    /// </summary>
    public async Task<SessionInfo?> ResolveAsync(string? secret, CancellationToken cancellationToken = default)
    {
        if (secret is not { Length: SecretLength } || !TokenSecrets.IsBase64Url(secret))
        {
            return null;
        }

        var id = TokenSecrets.Hash(secret);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await FindAsync(connection, null, id, cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        if (row is null || !IsLive(row, now))
        {
            return null;
        }

        if (now - row.LastSeenAt >= options.TouchInterval)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE account_session SET last_seen_at = @now WHERE id = @id AND revoked_at IS NULL",
                new { id, now }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        return row.ToInfo(now >= row.LastSeenAt ? now : row.LastSeenAt);
    }

    /// <summary>
    /// Replaces the session behind <paramref name="secret"/> by a new one at <paramref name="stage"/>
    /// (a new secret at every step defeats session fixation), inside the caller's transaction.
    /// Null when the old session is not live any more.
    /// </summary>
    public async Task<IssuedSession?> AdvanceAsync(DbConnection connection, DbTransaction transaction, string secret, SessionStage stage, CancellationToken cancellationToken = default)
    {
        var id = TokenSecrets.Hash(secret);
        var row = await FindAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false);
        if (row is null || !IsLive(row, clock.GetUtcNow()))
        {
            return null;
        }

        var revoked = await RevokeByIdAsync(connection, transaction, id, "advanced", cancellationToken).ConfigureAwait(false);
        return revoked ? await CreateAsync(connection, transaction, row.MemberId, stage, row.UserAgent, cancellationToken).ConfigureAwait(false) : null;
    }

    /// <summary>Ends the session behind <paramref name="secret"/> (logout). False when there was none live.</summary>
    public async Task<bool> RevokeAsync(string? secret, string reason, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length != SecretLength)
        {
            return false;
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await RevokeByIdAsync(connection, null, TokenSecrets.Hash(secret), reason, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends one of <paramref name="memberId"/>'s sessions by its reference (the "log out that browser" button).</summary>
    public async Task<bool> RevokeByReferenceAsync(long memberId, string reference, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(reference) || reference.Length != ReferenceLength || !reference.All(char.IsAsciiHexDigitLower))
        {
            return false;
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE account_session SET revoked_at = @now, revoked_reason = 'revoked-by-member' WHERE member_id = @memberId AND {Prefix("id")} = @reference AND revoked_at IS NULL",
            new { memberId, reference, now = clock.GetUtcNow() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return changed > 0;
    }

    /// <summary>Ends every session of <paramref name="memberId"/> inside the caller's transaction (a role change, a suspension).</summary>
    public Task<int> RevokeAllAsync(DbConnection connection, DbTransaction transaction, long memberId, string reason, CancellationToken cancellationToken = default) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE account_session SET revoked_at = @now, revoked_reason = @reason WHERE member_id = @memberId AND revoked_at IS NULL",
            new { memberId, reason, now = clock.GetUtcNow() }, transaction, cancellationToken: cancellationToken));

    /// <summary>The live, complete sessions of <paramref name="memberId"/>, newest first.</summary>
    public async Task<IReadOnlyList<SessionInfo>> ListAsync(long memberId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<SessionRow>(new CommandDefinition(
            $"""
            {Select}
            WHERE s.member_id = @memberId AND s.revoked_at IS NULL AND s.expires_at > @now
            ORDER BY s.created_at DESC
            """, new { memberId, now = clock.GetUtcNow() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        return rows.Where(r => IsLive(r, now) && r.Stage == ToCode(SessionStage.Complete)).Select(r => r.ToInfo(r.LastSeenAt)).ToList();
    }

    /// <summary>The non-secret reference of a session: the first 16 hex digits of its stored hash.</summary>
    public static string ReferenceOf(string secret) => TokenSecrets.Hash(secret)[..ReferenceLength];

    /// <summary>The stored code of a stage: "totp", "enrol", "complete".</summary>
    public static string ToCode(SessionStage stage) => stage switch
    {
        SessionStage.SecondFactor => "totp",
        SessionStage.Enrolment => "enrol",
        SessionStage.Complete => "complete",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, null),
    };

    private bool IsLive(SessionRow row, DateTimeOffset now) =>
        row.RevokedAt is null
        && now < row.ExpiresAt
        && (row.Stage != ToCode(SessionStage.Complete) || now - row.LastSeenAt < options.SessionIdleTimeout)
        && row.IsActive;

    private static Task<SessionRow?> FindAsync(DbConnection connection, DbTransaction? transaction, string id, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<SessionRow>(new CommandDefinition(
            $"""
            {Select}
            WHERE s.id = @id
            """, new { id }, transaction, cancellationToken: cancellationToken));

    private async Task<bool> RevokeByIdAsync(DbConnection connection, DbTransaction? transaction, string id, string reason, CancellationToken cancellationToken)
    {
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE account_session SET revoked_at = @now, revoked_reason = @reason WHERE id = @id AND revoked_at IS NULL",
            new { id, reason, now = clock.GetUtcNow() }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return changed == 1;
    }

    private string Prefix(string column) => database.Dialect == SqlDialect.PostgreSql
        ? $"left({column}, {ReferenceLength})"
        : $"substr({column}, 1, {ReferenceLength})";

    private static string? Bound(string? userAgent) =>
        string.IsNullOrEmpty(userAgent) ? null : string.Concat(userAgent.Where(c => !char.IsControl(c)).Take(MaxUserAgentLength));

    private sealed class SessionRow : AccountRow
    {
        public string SessionId { get; init; } = string.Empty;

        public string Stage { get; init; } = string.Empty;

        public DateTimeOffset CreatedAt { get; init; }

        public DateTimeOffset LastSeenAt { get; init; }

        public DateTimeOffset ExpiresAt { get; init; }

        public string? UserAgent { get; init; }

        public DateTimeOffset? RevokedAt { get; init; }

        public SessionInfo ToInfo(DateTimeOffset lastSeen)
        {
            var account = ToAccount();
            var stage = Stage switch
            {
                "totp" => SessionStage.SecondFactor,
                "enrol" => SessionStage.Enrolment,
                _ => SessionStage.Complete,
            };
            // A complete session of someone whose role now demands TOTP, and who has none, goes
            // back to enrolment: the role's rule wins over how the session began.
            if (stage == SessionStage.Complete && account.Role.Role.RequiresTotp() && !account.TotpEnabled)
            {
                stage = SessionStage.Enrolment;
            }

            return new SessionInfo(SessionId[..ReferenceLength], stage, account, CreatedAt, lastSeen, ExpiresAt, UserAgent);
        }
    }
}
