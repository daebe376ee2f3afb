using System.Diagnostics.CodeAnalysis;
using System.Text;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace TldOps.Core.Membership.Keys;

/// <summary>
/// Checks an OpenPGP public key that a member pastes: bounded size, ASCII armour of a public key
/// block (RFC 4880 §6.2), exactly one primary key that is neither revoked nor expired, and at
/// least one user id. Read with BouncyCastle; only the shape and fingerprint are checked here (the
/// list engine decides what it encrypts to).
/// </summary>
public sealed class OpenPgpKeyReader(TimeProvider clock)
{
    /// <summary>
    /// The largest armoured key accepted, in characters. 64 KiB: an RSA-4096 key with a few dozen
    /// certifications is about 20 KiB; more is a key carrying a keyserver's worth of signatures.
    /// </summary>
    public const int MaxArmouredLength = 64 * 1024;

    private const string PublicHeader = "-----BEGIN PGP PUBLIC KEY BLOCK-----";

    /// <summary>Reads <paramref name="armoured"/>; false with a reason for the person who pasted it.</summary>
    public bool TryRead(string? armoured, [NotNullWhen(true)] out OpenPgpKeyInfo? key, [NotNullWhen(false)] out string? reason)
    {
        key = null;
        var text = armoured?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            reason = "the key is empty.";
            return false;
        }

        if (text.Length > MaxArmouredLength)
        {
            reason = $"the key is longer than {MaxArmouredLength / 1024} KiB; export it without third-party signatures (gpg --export --export-options export-minimal --armor).";
            return false;
        }

        if (text.Contains("PRIVATE KEY BLOCK", StringComparison.Ordinal))
        {
            reason = "this is a private key: never share it. Paste the public key (gpg --export --armor).";
            return false;
        }

        if (!text.StartsWith(PublicHeader, StringComparison.Ordinal))
        {
            reason = $"an ASCII-armoured public key starts with the line {PublicHeader}.";
            return false;
        }

        return TryDecode(text, out key, out reason);
    }

    private bool TryDecode(string text, [NotNullWhen(true)] out OpenPgpKeyInfo? key, [NotNullWhen(false)] out string? reason)
    {
        key = null;
        PgpPublicKeyRingBundle bundle;
        try
        {
            using var input = PgpUtilities.GetDecoderStream(new MemoryStream(Encoding.ASCII.GetBytes(text)));
            bundle = new PgpPublicKeyRingBundle(input);
        }
        catch (Exception ex) when (ex is IOException or PgpException or ArgumentException or InvalidOperationException or FormatException)
        {
            reason = "the key block is damaged or not an OpenPGP public key (check that it was copied whole).";
            return false;
        }

        var rings = bundle.GetKeyRings().Cast<PgpPublicKeyRing>().ToList();
        if (rings.Count != 1)
        {
            reason = rings.Count == 0 ? "the block holds no key." : "the block holds several keys; paste only yours.";
            return false;
        }

        var primary = rings[0].GetPublicKey();
        if (primary.IsRevoked())
        {
            reason = "this key is revoked.";
            return false;
        }

        var userIds = primary.GetUserIds().OfType<string>().ToList();
        if (userIds.Count == 0)
        {
            reason = "the key has no user id (name and address).";
            return false;
        }

        DateTimeOffset? expires = null;
        var validSeconds = primary.GetValidSeconds();
        if (validSeconds > 0)
        {
            expires = new DateTimeOffset(DateTime.SpecifyKind(primary.CreationTime, DateTimeKind.Utc)).AddSeconds(validSeconds);
            if (expires <= clock.GetUtcNow())
            {
                reason = "this key has expired; extend it and export it again.";
                return false;
            }
        }

        reason = null;
        key = new OpenPgpKeyInfo(text, Convert.ToHexString(primary.GetFingerprint()), userIds, expires);
        return true;
    }
}
