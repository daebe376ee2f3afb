using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using TldOps.Core.Common;
using TldOps.Core.Security;

namespace TldOps.Core.Membership.Accounts;

/// <summary>
/// Seals small secrets (TOTP keys) for storage with AES-256-GCM under an installation key kept in
/// <see cref="InstallationSecrets"/>. The row's owner goes in as associated data, so a sealed value
/// copied onto another member's row does not open.
/// </summary>
public sealed class SecretSeal(InstallationSecrets secrets, IRandomSource random)
{
    private const string KeyName = "totp-seal-aes256";
    private const int KeyBytes = 32;

    /// <summary>AES-GCM's standard 96-bit nonce (NIST SP 800-38D §8.2); random per seal.</summary>
    private const int NonceBytes = 12;

    private const int TagBytes = 16;

    public async Task<string> SealAsync(DbConnection connection, DbTransaction? transaction, ReadOnlyMemory<byte> secret, string owner, CancellationToken cancellationToken = default)
    {
        var key = await secrets.GetAsync(connection, transaction, KeyName, KeyBytes, cancellationToken).ConfigureAwait(false);
        var sealedBytes = new byte[NonceBytes + secret.Length + TagBytes];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        random.Fill(nonce);
        using var aes = new AesGcm(key, TagBytes);
        aes.Encrypt(nonce, secret.Span, sealedBytes.AsSpan(NonceBytes, secret.Length), sealedBytes.AsSpan(NonceBytes + secret.Length), Encoding.UTF8.GetBytes(owner));
        return Convert.ToBase64String(sealedBytes);
    }

    /// <summary>The secret; throws <see cref="CryptographicException"/> when the value was altered, moved or sealed under another key.</summary>
    public async Task<byte[]> OpenAsync(DbConnection connection, DbTransaction? transaction, string sealedText, string owner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sealedText);
        var key = await secrets.GetAsync(connection, transaction, KeyName, KeyBytes, cancellationToken).ConfigureAwait(false);
        var sealedBytes = Convert.FromBase64String(sealedText);
        if (sealedBytes.Length < NonceBytes + TagBytes)
        {
            throw new CryptographicException("The sealed value is too short to be one.");
        }

        var length = sealedBytes.Length - NonceBytes - TagBytes;
        var secret = new byte[length];
        using var aes = new AesGcm(key, TagBytes);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes, length), sealedBytes.AsSpan(NonceBytes + length), secret, Encoding.UTF8.GetBytes(owner));
        return secret;
    }
}
