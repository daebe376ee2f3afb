using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using TldOps.Core.Common;

namespace TldOps.Core.Security;

/// <summary>
/// The secrets that travel in links and cookies (action tokens, sessions, login nonces) and the
/// hash stored in their place. The stored hashes (<c>action_token.secret_hash</c>,
/// <c>account_session.id</c>, <c>login_request.nonce_hash</c>) were written with exactly this
/// algorithm and encoding; changing either would invalidate every live link and session.
/// </summary>
internal static class TokenSecrets
{
    /// <summary>Base64url, unpadded, of <paramref name="bytes"/> random bytes: ⌈4·bytes/3⌉ characters.</summary>
    public static string RandomText(IRandomSource random, int bytes)
    {
        Span<byte> buffer = stackalloc byte[bytes];
        random.Fill(buffer);
        return Base64Url.EncodeToString(buffer);
    }

    /// <summary>The lower-case hex SHA-256 of the secret's ASCII bytes: 64 characters.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(secret)));

    /// <summary>Whether <paramref name="secret"/> hashes to <paramref name="storedHash"/>, compared in fixed time.</summary>
    public static bool HashMatches(string secret, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(storedHash));

    /// <summary>True when every character is of the base64url alphabet (letters, digits, '-', '_').</summary>
    public static bool IsBase64Url(string text) => text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
