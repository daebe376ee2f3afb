using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace TldOps.Mail.Dkim;

/// <summary>A DKIM key record (RFC 6376 §3.6.1), as published in DNS at <c>selector._domainkey.domain</c>. Immutable.</summary>
public sealed class DkimPublicKey
{
    /// <summary>An Ed25519 public key is 32 bytes (RFC 8032 §5.1.5).</summary>
    private const int Ed25519KeyLength = 32;

    private DkimPublicKey()
    {
    }

    /// <summary>The key type (k=): "rsa" or "ed25519".</summary>
    public string KeyType { get; private init; } = "rsa";

    /// <summary>The hash algorithms the key may be used with (h=), or null for any.</summary>
    public IReadOnlyList<string>? HashAlgorithms { get; private init; }

    /// <summary>The service types (s=): "*" or "email".</summary>
    public IReadOnlyList<string> ServiceTypes { get; private init; } = ["*"];

    /// <summary>The t=y flag: the domain is testing DKIM.</summary>
    public bool IsTesting { get; private init; }

    /// <summary>The t=s flag: i= must be exactly in d=, not a subdomain.</summary>
    public bool IsStrict { get; private init; }

    /// <summary>True when p= is empty: the key was revoked.</summary>
    public bool IsRevoked => KeyData.IsEmpty;

    /// <summary>The public key (SubjectPublicKeyInfo or RSAPublicKey for RSA, 32 raw bytes for Ed25519).</summary>
    public ReadOnlyMemory<byte> KeyData { get; private init; }

    /// <summary>The key size in bits (the RSA modulus; 256 for Ed25519; 0 when revoked).</summary>
    public int KeySize { get; private init; }

    /// <summary>Parses a key record, e.g. <c>v=DKIM1; k=rsa; p=MIIBIjAN…</c>.</summary>
    /// <param name="record">The TXT record text (its strings joined).</param>
    /// <returns>The key.</returns>
    /// <exception cref="DkimFormatException">The record is not a valid DKIM1 key record.</exception>
    public static DkimPublicKey Parse(string record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var tags = DkimTagList.Parse(record);
        var version = tags["v"];
        if (version is not null && (version != "DKIM1" || tags.OffsetOf("v") != record.IndexOf('=', StringComparison.Ordinal) + 1))
        {
            // RFC 6376 §3.6.1: v=, when present, is "DKIM1" and the first tag.
            throw new DkimFormatException("v= must be DKIM1 and come first", tags.OffsetOf("v") ?? 0, DkimReason.KeyRecordSyntax);
        }

        var keyType = (tags["k"] ?? "rsa").ToLowerInvariant();
        if (keyType is not ("rsa" or "ed25519"))
        {
            throw new DkimFormatException($"Unknown key type '{keyType}'", tags.OffsetOf("k") ?? 0, DkimReason.KeyRecordSyntax);
        }

        var p = tags["p"] ?? throw new DkimFormatException("The p= tag is missing", record.Length, DkimReason.KeyRecordSyntax);
        var keyData = DkimSignature.Base64(p, tags.OffsetOf("p") ?? 0);
        var flags = List(tags["t"]) ?? [];
        return new DkimPublicKey
        {
            KeyType = keyType,
            HashAlgorithms = List(tags["h"]),
            ServiceTypes = List(tags["s"]) ?? ["*"],
            IsTesting = flags.Contains("y"),
            IsStrict = flags.Contains("s"),
            KeyData = keyData,
            KeySize = keyData.Length == 0 ? 0 : KeySizeOf(keyType, keyData, tags.OffsetOf("p") ?? 0),
        };
    }

    /// <summary>Checks a signature over data with this key and algorithm.</summary>
    /// <param name="algorithm">rsa-sha256 or ed25519-sha256 (rsa-sha1 is refused by the verifier before).</param>
    /// <param name="data">The signed data (canonicalized header fields).</param>
    /// <param name="signature">The signature (b=).</param>
    /// <returns>Whether it verifies.</returns>
    internal bool Verify(DkimAlgorithm algorithm, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (algorithm == DkimAlgorithm.Ed25519Sha256)
        {
            // RFC 8463 §3: Ed25519 (PureEdDSA) over the SHA-256 hash of the data.
            var verifier = new Ed25519Signer();
            verifier.Init(false, new Ed25519PublicKeyParameters(KeyData.ToArray(), 0));
            var hash = SHA256.HashData(data);
            verifier.BlockUpdate(hash, 0, hash.Length);
            return verifier.VerifySignature(signature.ToArray());
        }

        using var rsa = ImportRsa(KeyData.Span);
        var hashName = algorithm == DkimAlgorithm.RsaSha1 ? HashAlgorithmName.SHA1 : HashAlgorithmName.SHA256;
        return rsa.VerifyData(data, signature, hashName, RSASignaturePadding.Pkcs1);
    }

    /// <summary>Imports an RSA key as SubjectPublicKeyInfo (what everyone publishes) or as the bare RSAPublicKey some records hold.</summary>
    internal static RSA ImportRsa(ReadOnlySpan<byte> data)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportSubjectPublicKeyInfo(data, out _);
            return rsa;
        }
        catch (CryptographicException)
        {
            rsa.ImportRSAPublicKey(data, out _);
            return rsa;
        }
    }

    private static int KeySizeOf(string keyType, byte[] keyData, int offset)
    {
        if (keyType == "ed25519")
        {
            return keyData.Length == Ed25519KeyLength
                ? 256
                : throw new DkimFormatException("An Ed25519 key is 32 bytes", offset, DkimReason.KeyRecordSyntax);
        }

        try
        {
            using var rsa = ImportRsa(keyData);
            return rsa.KeySize;
        }
        catch (CryptographicException exception)
        {
            throw new DkimFormatException($"The RSA key cannot be read: {exception.Message}", offset, DkimReason.KeyRecordSyntax);
        }
    }

    private static List<string>? List(string? value) =>
        value?.Split(':').Select(v => v.Trim().ToLowerInvariant()).Where(v => v.Length > 0).ToList();
}
