using Dapper;
using TldOps.Core.Common;
using TldOps.Core.Lists;
using TldOps.Core.Security;
using TldOps.Core.Storage;

namespace TldOps.Core.Membership.Accounts;

/// <summary>
/// Magic-link login. Asking for a link answers the same whether or not the address is a
/// member's; a member gets a mail (in the alert lane, so a login never waits behind bulk mail)
/// with a single-use link valid for 15 minutes that works only in the browser that asked.
/// Opening it starts a session at the step the account needs next: a TOTP code, TOTP enrolment
/// (committee and secretariat must have it), or none.
/// </summary>
public sealed class LoginService(
    Database database,
    AccountStore accounts,
    ActionTokens tokens,
    SessionStore sessions,
    TotpService totp,
    AccountMail mail,
    SystemMail systemMail,
    AccountLinks links,
    AccountOptions options,
    IRandomSource random,
    TimeProvider clock)
{
    /// <summary>The action-token purpose of login links.</summary>
    public const string Purpose = "login";

    private const int NonceBytes = 32;

    /// <summary>
    /// Sends a login link to <paramref name="email"/> if it is an active member's address, and in
    /// every case returns a fresh browser nonce.
    /// </summary>
    public async Task<LoginRequest> RequestLinkAsync(string? email, CancellationToken cancellationToken = default)
    {
        var nonce = TokenSecrets.RandomText(random, NonceBytes);
        if (!EmailSyntax.TryNormalise(email, out var address, out _))
        {
            return new LoginRequest(nonce);
        }

        var sent = await database.InTransactionAsync(async (connection, transaction) =>
        {
            var found = await accounts.FindByEmailAsync(connection, transaction, address, cancellationToken).ConfigureAwait(false);
            if (found.Count == 0)
            {
                return false;
            }

            var account = found[0];
            var issued = await tokens.IssueAsync(connection, transaction, Purpose, account.Reference, options.LoginLinkLifetime, cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO login_request (token_id, member_id, nonce_hash, created_at) VALUES (@id, @memberId, @hash, @now)",
                new { id = issued.Id, memberId = account.MemberId, hash = TokenSecrets.Hash(nonce), now = clock.GetUtcNow() },
                transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            var message = mail.LoginLink(account, links.Login(issued.Token, account.Language), issued.ExpiresAt);
            await systemMail.EnqueueAsync(connection, transaction, message, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        if (sent)
        {
            systemMail.Notify();
        }

        return new LoginRequest(nonce);
    }

    /// <summary>Whether a link can still be used (for the page that shows the "log in" button).</summary>
    public async Task<bool> IsLinkUsableAsync(string? token, CancellationToken cancellationToken = default) =>
        (await tokens.CheckAsync(token, Purpose, cancellationToken).ConfigureAwait(false)).IsValid;

    /// <summary>
    /// Uses a login link from the browser holding <paramref name="browserNonce"/>. A link opened
    /// in another browser is refused without being used up, so the right browser can still use it.
    /// </summary>
    public async Task<LoginOutcome> UseLinkAsync(string? token, string? browserNonce, string? userAgent, CancellationToken cancellationToken = default)
    {
        // Checked on its own connection before the transaction: on SQLite a second connection
        // inside it would wait for this one's write lock.
        var check = await tokens.CheckAsync(token, Purpose, cancellationToken).ConfigureAwait(false);
        if (!check.IsValid)
        {
            return LoginOutcome.Fail(LoginFailure.LinkNotValid);
        }

        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            var request = await connection.QuerySingleOrDefaultAsync<RequestRow>(new CommandDefinition(
                "SELECT member_id AS MemberId, nonce_hash AS NonceHash FROM login_request WHERE token_id = @id",
                new { id = check.Id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (request is null)
            {
                return LoginOutcome.Fail(LoginFailure.LinkNotValid);
            }

            if (string.IsNullOrEmpty(browserNonce) || browserNonce.Length > 100
                || !TokenSecrets.HashMatches(browserNonce, request.NonceHash))
            {
                return LoginOutcome.Fail(LoginFailure.OtherBrowser);
            }

            var used = await tokens.ConsumeAsync(connection, transaction, token, Purpose, "browser", cancellationToken).ConfigureAwait(false);
            if (!used.IsValid)
            {
                return LoginOutcome.Fail(LoginFailure.LinkNotValid);
            }

            var account = await accounts.GetAsync(connection, transaction, request.MemberId, cancellationToken).ConfigureAwait(false);
            if (account is null || account.Status != MemberStatus.Active)
            {
                return LoginOutcome.Fail(LoginFailure.NotActive);
            }

            var session = await sessions.CreateAsync(connection, transaction, account.MemberId, FirstStage(account), userAgent, cancellationToken).ConfigureAwait(false);
            return LoginOutcome.Ok(session);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The second step: a TOTP code, or a recovery code (told apart by their shape). On success the
    /// session is replaced by a complete one.
    /// </summary>
    public async Task<LoginOutcome> VerifySecondFactorAsync(string? sessionSecret, string? code, CancellationToken cancellationToken = default)
    {
        var session = await sessions.ResolveAsync(sessionSecret, cancellationToken).ConfigureAwait(false);
        if (session is null || session.Stage != SessionStage.SecondFactor)
        {
            return LoginOutcome.Fail(LoginFailure.SessionEnded);
        }

        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            var account = session.Account;
            var actor = Actor.Of(account, session.Reference);
            var accepted = RecoveryCodes.LooksLikeRecoveryCode(code)
                ? await totp.UseRecoveryCodeAsync(connection, transaction, account, code, actor, cancellationToken).ConfigureAwait(false)
                : await totp.VerifyAsync(connection, transaction, account.MemberId, code, cancellationToken).ConfigureAwait(false);
            if (!accepted)
            {
                return LoginOutcome.Fail(LoginFailure.WrongCode);
            }

            var next = await sessions.AdvanceAsync(connection, transaction, sessionSecret!, SessionStage.Complete, cancellationToken).ConfigureAwait(false);
            return next is null ? LoginOutcome.Fail(LoginFailure.SessionEnded) : LoginOutcome.Ok(next);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>After a required enrolment is confirmed: the enrolment session becomes a complete one.</summary>
    public async Task<LoginOutcome> CompleteEnrolmentAsync(string? sessionSecret, CancellationToken cancellationToken = default)
    {
        var session = await sessions.ResolveAsync(sessionSecret, cancellationToken).ConfigureAwait(false);
        if (session is null || !session.Account.TotpEnabled)
        {
            return LoginOutcome.Fail(LoginFailure.SessionEnded);
        }

        var next = await database.InTransactionAsync((connection, transaction) =>
            sessions.AdvanceAsync(connection, transaction, sessionSecret!, SessionStage.Complete, cancellationToken), cancellationToken).ConfigureAwait(false);
        return next is null ? LoginOutcome.Fail(LoginFailure.SessionEnded) : LoginOutcome.Ok(next);
    }

    /// <summary>The step a fresh login starts at.</summary>
    public static SessionStage FirstStage(Account account)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (account.TotpEnabled)
        {
            return SessionStage.SecondFactor;
        }

        return account.Role.Role.RequiresTotp() ? SessionStage.Enrolment : SessionStage.Complete;
    }

    private sealed class RequestRow
    {
        public long MemberId { get; init; }

        public string NonceHash { get; init; } = string.Empty;
    }
}
