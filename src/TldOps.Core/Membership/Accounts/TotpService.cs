using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using Dapper;
using TldOps.Core.Audit;
using TldOps.Core.Common;
using TldOps.Core.Storage;

namespace TldOps.Core.Membership.Accounts;

/// <summary>
/// A member's second factor: enrolment (a secret, shown as a QR code and as text, confirmed by a
/// first code), verification at login (RFC 6238, ±1 step, each code accepted once), ten
/// single-use recovery codes, and turning it off (not for roles that require it). Every change
/// is audited.
/// </summary>
public sealed class TotpService(Database database, SecretSeal seal, RecoveryCodes recoveryCodes, AuditLog audit, IRandomSource random, TimeProvider clock)
{
    /// <summary>The issuer authenticator apps show beside the account.</summary>
    public const string Issuer = "TLD-OPS";

    public async Task<TotpState> GetStateAsync(long memberId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<SecretRow>(new CommandDefinition(
            "SELECT sealed AS Sealed, confirmed_at AS ConfirmedAt, last_step AS LastStep FROM totp_secret WHERE member_id = @memberId",
            new { memberId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var left = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM recovery_code WHERE member_id = @memberId AND used_at IS NULL",
            new { memberId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new TotpState(row?.ConfirmedAt is not null, row is { ConfirmedAt: null }, (int)left);
    }

    /// <summary>
    /// The pending enrolment, starting one when there is none. <see cref="Conflict"/> when TOTP
    /// is already on (turn it off first, or keep it).
    /// </summary>
    public async Task<Result<TotpEnrolment>> GetOrBeginAsync(Account account, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        return await database.InTransactionAsync<Result<TotpEnrolment>>(async (connection, transaction) =>
        {
            var row = await ReadAsync(connection, transaction, account.MemberId, cancellationToken).ConfigureAwait(false);
            if (row?.ConfirmedAt is not null)
            {
                return new Conflict("TOTP is already set up for this account.");
            }

            byte[] secret;
            if (row is not null)
            {
                secret = await seal.OpenAsync(connection, transaction, row.Sealed, Owner(account.MemberId), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                secret = new byte[Totp.SecretBytes];
                random.Fill(secret);
                var sealedText = await seal.SealAsync(connection, transaction, secret, Owner(account.MemberId), cancellationToken).ConfigureAwait(false);
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO totp_secret (member_id, sealed, created_at) VALUES (@memberId, @sealedText, @now)",
                    new { memberId = account.MemberId, sealedText, now = clock.GetUtcNow() }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            }

            var enrolment = new TotpEnrolment(Group(Base32.Encode(secret)), Totp.KeyUri(secret, Issuer, account.Email));
            CryptographicOperations.ZeroMemory(secret);
            return enrolment;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Confirms the pending secret with a first code and returns the recovery codes (shown once).
    /// <see cref="Invalid"/> for a wrong code; <see cref="Conflict"/> when nothing is pending.
    /// </summary>
    public async Task<Result<IReadOnlyList<string>>> ConfirmAsync(Account account, string? code, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(actor);
        return await database.InTransactionAsync<Result<IReadOnlyList<string>>>(async (connection, transaction) =>
        {
            var row = await ReadAsync(connection, transaction, account.MemberId, cancellationToken).ConfigureAwait(false);
            if (row is null || row.ConfirmedAt is not null)
            {
                return new Conflict(row is null ? "No TOTP set-up is under way." : "TOTP is already set up for this account.");
            }

            var step = await MatchAsync(connection, transaction, account.MemberId, row, code, cancellationToken).ConfigureAwait(false);
            if (step is null)
            {
                return WrongCode();
            }

            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE totp_secret SET confirmed_at = @now, last_step = @step WHERE member_id = @memberId",
                new { memberId = account.MemberId, step, now = clock.GetUtcNow() }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            var codes = await ReplaceRecoveryCodesAsync(connection, transaction, account.MemberId, cancellationToken).ConfigureAwait(false);
            await WriteAuditAsync(connection, transaction, account, actor, "totp-enabled", cancellationToken).ConfigureAwait(false);
            return Result<IReadOnlyList<string>>.Success(codes);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Checks a login code inside the caller's transaction: true for a code of now ±1 step that is
    /// newer than the last one accepted, which it then becomes (so the same code never works twice).
    /// </summary>
    public async Task<bool> VerifyAsync(DbConnection connection, DbTransaction transaction, long memberId, string? code, CancellationToken cancellationToken = default)
    {
        var row = await ReadAsync(connection, transaction, memberId, cancellationToken).ConfigureAwait(false);
        if (row?.ConfirmedAt is null)
        {
            return false;
        }

        var step = await MatchAsync(connection, transaction, memberId, row, code, cancellationToken).ConfigureAwait(false);
        if (step is null)
        {
            return false;
        }

        // Conditional on the step only moving forward: of two concurrent uses of one code, one wins.
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE totp_secret SET last_step = @step WHERE member_id = @memberId AND (last_step IS NULL OR last_step < @step)",
            new { memberId, step }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return changed == 1;
    }

    /// <summary>Uses a recovery code inside the caller's transaction: true once per code. Audited.</summary>
    public async Task<bool> UseRecoveryCodeAsync(DbConnection connection, DbTransaction transaction, Account account, string? code, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        var hash = await recoveryCodes.HashAsync(connection, transaction, code, cancellationToken).ConfigureAwait(false);
        if (hash is null)
        {
            return false;
        }

        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE recovery_code SET used_at = @now WHERE member_id = @memberId AND code_hash = @hash AND used_at IS NULL",
            new { memberId = account.MemberId, hash, now = clock.GetUtcNow() }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (changed != 1)
        {
            return false;
        }

        await WriteAuditAsync(connection, transaction, account, actor, "recovery-code-used", cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>New recovery codes (the old ones stop working), on a current TOTP code. <see cref="Invalid"/> for a wrong code.</summary>
    public async Task<Result<IReadOnlyList<string>>> RenewRecoveryCodesAsync(Account account, string? code, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        return await database.InTransactionAsync<Result<IReadOnlyList<string>>>(async (connection, transaction) =>
        {
            if (!await VerifyAsync(connection, transaction, account.MemberId, code, cancellationToken).ConfigureAwait(false))
            {
                return WrongCode();
            }

            var codes = await ReplaceRecoveryCodesAsync(connection, transaction, account.MemberId, cancellationToken).ConfigureAwait(false);
            await WriteAuditAsync(connection, transaction, account, actor, "recovery-codes-renewed", cancellationToken).ConfigureAwait(false);
            return Result<IReadOnlyList<string>>.Success(codes);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Turns TOTP off on a current code (or cancels a pending set-up). <see cref="Forbidden"/> for
    /// committee and secretariat, whose role requires it; <see cref="Invalid"/> for a wrong code.
    /// </summary>
    public async Task<Result<bool>> DisableAsync(Account account, string? code, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (account.Role.Role.RequiresTotp() && account.TotpEnabled)
        {
            return new Forbidden("Committee and secretariat accounts must keep TOTP.");
        }

        return await database.InTransactionAsync<Result<bool>>(async (connection, transaction) =>
        {
            var row = await ReadAsync(connection, transaction, account.MemberId, cancellationToken).ConfigureAwait(false);
            if (row is null)
            {
                return false;
            }

            if (row.ConfirmedAt is not null && !await VerifyAsync(connection, transaction, account.MemberId, code, cancellationToken).ConfigureAwait(false))
            {
                return WrongCode();
            }

            foreach (var table in new[] { "totp_secret", "recovery_code" })
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    $"DELETE FROM {table} WHERE member_id = @memberId",
                    new { memberId = account.MemberId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            }
            if (row.ConfirmedAt is not null)
            {
                await WriteAuditAsync(connection, transaction, account, actor, "totp-disabled", cancellationToken).ConfigureAwait(false);
            }

            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<long?> MatchAsync(DbConnection connection, DbTransaction transaction, long memberId, SecretRow row, string? code, CancellationToken cancellationToken)
    {
        var secret = await seal.OpenAsync(connection, transaction, row.Sealed, Owner(memberId), cancellationToken).ConfigureAwait(false);
        try
        {
            return Totp.Match(secret, code, clock.GetUtcNow(), row.LastStep);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    private async Task<IReadOnlyList<string>> ReplaceRecoveryCodesAsync(DbConnection connection, DbTransaction transaction, long memberId, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM recovery_code WHERE member_id = @memberId", new { memberId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var codes = recoveryCodes.Create();
        var now = clock.GetUtcNow();
        foreach (var code in codes)
        {
            var hash = await recoveryCodes.HashAsync(connection, transaction, code, cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO recovery_code (member_id, code_hash, created_at) VALUES (@memberId, @hash, @now)",
                new { memberId, hash, now }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        return codes;
    }

    private Task WriteAuditAsync(DbConnection connection, DbTransaction transaction, Account account, Actor actor, string action, CancellationToken cancellationToken) =>
        audit.WriteAsync(connection, transaction, new AuditEntry(actor.Id, action, account.CcTld, account.Reference, actor.Authority), cancellationToken);

    private static Task<SecretRow?> ReadAsync(DbConnection connection, DbTransaction transaction, long memberId, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<SecretRow?>(new CommandDefinition(
            "SELECT sealed AS Sealed, confirmed_at AS ConfirmedAt, last_step AS LastStep FROM totp_secret WHERE member_id = @memberId",
            new { memberId }, transaction, cancellationToken: cancellationToken));

    private static Invalid WrongCode() => new("That code is not right.", [new FieldError("code", "not the current code of your authenticator app, or already used")]);

    // The associated data that ties a sealed secret to its row.
    private static string Owner(long memberId) => "totp:" + memberId.ToString(CultureInfo.InvariantCulture);

    private static string Group(string text) =>
        string.Join(' ', Enumerable.Range(0, (text.Length + 3) / 4).Select(i => text.Substring(i * 4, Math.Min(4, text.Length - (i * 4)))));

    private sealed class SecretRow
    {
        public string Sealed { get; init; } = string.Empty;

        public DateTimeOffset? ConfirmedAt { get; init; }

        public long? LastStep { get; init; }
    }
}
