using System.Buffers.Text;
using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using TldOps.Core.Common;
using TldOps.Core.Storage;

namespace TldOps.Core.Security;

/// <summary>
/// Signed, expiring, single-use tokens for the links the system mails (an admin contact's
/// approval, a member's confirmation, a login). A token reads <c>ID.EXPIRY.SECRET.SIGNATURE</c>:
/// the HMAC-SHA256 signature with the installation's key rejects forged or altered links without
/// touching the database; the stored SHA-256 of the secret and the <c>used_at</c> column make
/// each token valid once, and only for its purpose.
/// </summary>
public sealed class ActionTokens(Database database, InstallationSecrets secrets, IRandomSource random, TimeProvider clock)
{
    private const string KeyName = "action-token-hmac";
    private const int SecretBytes = 24;
    private const int SignatureBytes = 16;
    private const int MaxTokenLength = 200;

    /// <summary>Issues a token inside the caller's transaction (so it exists only if the change that needs it commits).</summary>
    public async Task<IssuedToken> IssueAsync(DbConnection connection, DbTransaction transaction, string purpose, string subject, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        ArgumentException.ThrowIfNullOrEmpty(subject);
        var now = clock.GetUtcNow();
        // Whole seconds: the expiry travels in the token as Unix seconds.
        var expires = DateTimeOffset.FromUnixTimeSeconds((now + lifetime).ToUnixTimeSeconds());
        var id = TokenSecrets.RandomText(random, 9);
        var secret = TokenSecrets.RandomText(random, SecretBytes);
        var expiry = expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = await SignAsync(connection, transaction, purpose, id, expiry, secret, cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO action_token (id, purpose, subject, secret_hash, created_at, expires_at)
            VALUES (@id, @purpose, @subject, @hash, @now, @expires)
            """,
            new { id, purpose, subject, hash = TokenSecrets.Hash(secret), now, expires }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new IssuedToken(id, $"{id}.{expiry}.{secret}.{signature}", expires);
    }

    /// <summary>Checks a token without using it (to show a confirmation page before the click that acts).</summary>
    public async Task<TokenCheck> CheckAsync(string? token, string purpose, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await CheckAsync(connection, null, token, purpose, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Uses a token inside the caller's transaction: valid only if it is genuine, unexpired, unused
    /// and for <paramref name="purpose"/>; marks it used by <paramref name="usedBy"/>. Of two
    /// concurrent uses exactly one succeeds.
    /// </summary>
    public async Task<TokenCheck> ConsumeAsync(DbConnection connection, DbTransaction transaction, string? token, string purpose, string usedBy, CancellationToken cancellationToken = default)
    {
        var check = await CheckAsync(connection, transaction, token, purpose, cancellationToken).ConfigureAwait(false);
        if (!check.IsValid)
        {
            return check;
        }

        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE action_token SET used_at = @now, used_by = @usedBy WHERE id = @id AND used_at IS NULL",
            new { id = check.Id, now = clock.GetUtcNow(), usedBy }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return changed == 1 ? check : check with { Status = TokenStatus.Used };
    }

    /// <summary>Revokes every unused token for <paramref name="subject"/> and <paramref name="purpose"/> (a decision
    /// taken another way kills the links that could have taken it). Returns how many.</summary>
    public Task<int> RevokeAsync(DbConnection connection, DbTransaction transaction, string subject, string purpose, CancellationToken cancellationToken = default) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE action_token SET used_at = @now, used_by = 'revoked' WHERE subject = @subject AND purpose = @purpose AND used_at IS NULL",
            new { subject, purpose, now = clock.GetUtcNow() }, transaction, cancellationToken: cancellationToken));

    private async Task<TokenCheck> CheckAsync(DbConnection connection, DbTransaction? transaction, string? token, string purpose, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength)
        {
            return new TokenCheck(TokenStatus.Malformed);
        }

        var parts = token.Split('.');
        if (parts.Length != 4 || parts.Any(p => p.Length == 0 || !TokenSecrets.IsBase64Url(p))
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var expirySeconds))
        {
            return new TokenCheck(TokenStatus.Malformed);
        }

        var (id, expiry, secret, signature) = (parts[0], parts[1], parts[2], parts[3]);
        var row = await connection.QuerySingleOrDefaultAsync<TokenRow>(new CommandDefinition(
            "SELECT id, purpose, subject, secret_hash AS SecretHash, expires_at AS ExpiresAt, used_at AS UsedAt FROM action_token WHERE id = @id",
            new { id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        // The signature covers the purpose the token was issued for; check it against that, so
        // that a genuine token shown to the wrong page says "wrong purpose", not "forged".
        var signedPurpose = row?.Purpose ?? purpose;
        var expected = await SignAsync(connection, transaction, signedPurpose, id, expiry, secret, cancellationToken).ConfigureAwait(false);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature))
            || row is null
            || !TokenSecrets.HashMatches(secret, row.SecretHash)
            || row.ExpiresAt.ToUnixTimeSeconds() != expirySeconds)
        {
            return new TokenCheck(TokenStatus.Forged);
        }

        var genuine = new TokenCheck(TokenStatus.Valid, row.Id, row.Subject, row.ExpiresAt);
        if (row.Purpose != purpose)
        {
            return genuine with { Status = TokenStatus.WrongPurpose };
        }

        if (row.UsedAt is not null)
        {
            return genuine with { Status = TokenStatus.Used };
        }

        return clock.GetUtcNow() >= row.ExpiresAt ? genuine with { Status = TokenStatus.Expired } : genuine;
    }

    private async Task<string> SignAsync(DbConnection connection, DbTransaction? transaction, string purpose, string id, string expiry, string secret, CancellationToken cancellationToken)
    {
        var key = await secrets.GetAsync(connection, transaction, KeyName, 32, cancellationToken).ConfigureAwait(false);
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{purpose}\n{id}\n{expiry}\n{secret}"));
        return Base64Url.EncodeToString(mac.AsSpan(0, SignatureBytes));
    }

    private sealed class TokenRow
    {
        public string Id { get; init; } = string.Empty;

        public string Purpose { get; init; } = string.Empty;

        public string Subject { get; init; } = string.Empty;

        public string SecretHash { get; init; } = string.Empty;

        public DateTimeOffset ExpiresAt { get; init; }

        public DateTimeOffset? UsedAt { get; init; }
    }
}
