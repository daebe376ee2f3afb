using System.Text.Json;
using TldOps.Core.Audit;
using TldOps.Core.Common;
using TldOps.Core.Membership.Keys;
using TldOps.Core.Membership.Vetting;
using TldOps.Core.Storage;

namespace TldOps.Core.Membership.Accounts;

/// <summary>
/// A member's OpenPGP public key and title on their profile page: read, replace with a checked
/// key, or remove. Audited with the fingerprints, which identify keys without being secret.
/// </summary>
public sealed class ProfileKeyService(Database database, MemberVettingStore vetting, OpenPgpKeyReader keys, AuditLog audit)
{
    /// <summary>The member's title and key fingerprint (null when none).</summary>
    public async Task<(string? Title, string? Fingerprint)> GetAsync(Account account, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var state = await vetting.GetAsync(connection, null, account.MemberId, cancellationToken).ConfigureAwait(false);
        return (state.Title, state.KeyFingerprint);
    }

    /// <summary>
    /// Replaces the key with <paramref name="armoured"/> (checked: a public key, whole, bounded),
    /// or removes it when <paramref name="armoured"/> is empty. <see cref="Invalid"/> names the key field.
    /// </summary>
    public async Task<Result<string?>> SetAsync(Account account, string? armoured, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(actor);
        OpenPgpKeyInfo? key = null;
        if (!string.IsNullOrWhiteSpace(armoured) && !keys.TryRead(armoured, out key, out var reason))
        {
            return new Invalid("The key is not usable.", [new FieldError("openPgpKey", reason)]);
        }

        return await database.InTransactionAsync<Result<string?>>(async (connection, transaction) =>
        {
            var state = await vetting.GetAsync(connection, transaction, account.MemberId, cancellationToken).ConfigureAwait(false);
            await vetting.SetProfileAsync(connection, transaction, account.MemberId, state.Title, key?.Armoured, key?.Fingerprint, cancellationToken).ConfigureAwait(false);
            await audit.WriteAsync(connection, transaction, new AuditEntry(actor.Id, key is null ? "key-removed" : "key-changed", account.CcTld, account.Reference, actor.Authority,
                JsonSerializer.Serialize(new { from = state.KeyFingerprint, to = key?.Fingerprint })), cancellationToken).ConfigureAwait(false);
            return key?.Fingerprint;
        }, cancellationToken).ConfigureAwait(false);
    }
}
