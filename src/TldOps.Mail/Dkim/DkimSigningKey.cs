using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;

namespace TldOps.Mail.Dkim;

/// <summary>
/// A DKIM private key: RSA (rsa-sha256) or Ed25519 (ed25519-sha256, RFC 8463). Generates
/// keys, reads and writes PKCS#8 PEM, and produces the DNS TXT record to publish.
/// </summary>
public sealed class DkimSigningKey : IDisposable
{
    private const string PemLabel = "PRIVATE KEY";
    private readonly RSA? _rsa;
    private readonly Ed25519PrivateKeyParameters? _ed25519;

    private DkimSigningKey(RSA rsa)
    {
        _rsa = rsa;
        Algorithm = DkimAlgorithm.RsaSha256;
    }

    private DkimSigningKey(Ed25519PrivateKeyParameters ed25519)
    {
        _ed25519 = ed25519;
        Algorithm = DkimAlgorithm.Ed25519Sha256;
    }

    /// <summary>rsa-sha256 or ed25519-sha256.</summary>
    public DkimAlgorithm Algorithm { get; }

    /// <summary>Generates an RSA key (2048 bits by default: RFC 8301 §3.2 asks signers for at least 1024, and 2048 is common practice).</summary>
    /// <param name="keySize">The modulus size in bits (1024 to 4096).</param>
    /// <returns>The key.</returns>
    public static DkimSigningKey GenerateRsa(int keySize = 2048)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keySize, 1024);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(keySize, 4096);
        return new DkimSigningKey(RSA.Create(keySize));
    }

    /// <summary>Generates an Ed25519 key from 32 random bytes.</summary>
    /// <param name="random">The randomness (a cryptographic generator); <see cref="RandomNumberGenerator"/> when null.</param>
    /// <returns>The key.</returns>
    public static DkimSigningKey GenerateEd25519(RandomNumberGenerator? random = null)
    {
        var seed = new byte[32];
        if (random is null)
        {
            RandomNumberGenerator.Fill(seed);
        }
        else
        {
            random.GetBytes(seed);
        }

        return FromEd25519Seed(seed);
    }

    /// <summary>An Ed25519 key from its 32-byte seed (the form RFC 8463's example and dkimpy use).</summary>
    /// <param name="seed">The seed.</param>
    /// <returns>The key.</returns>
    /// <exception cref="ArgumentException">The seed is not 32 bytes.</exception>
    public static DkimSigningKey FromEd25519Seed(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != 32)
        {
            throw new ArgumentException("An Ed25519 seed is 32 bytes (RFC 8032 §5.1.5).", nameof(seed));
        }

        return new DkimSigningKey(new Ed25519PrivateKeyParameters(seed.ToArray(), 0));
    }

    /// <summary>Reads a PEM private key: RSA ("RSA PRIVATE KEY" or PKCS#8 "PRIVATE KEY") or Ed25519 (PKCS#8).</summary>
    /// <param name="pem">The PEM text.</param>
    /// <returns>The key.</returns>
    /// <exception cref="FormatException">The text holds no usable private key.</exception>
    public static DkimSigningKey FromPem(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        var found = PemEncoding.TryFind(pem, out var fields);
        if (found && pem[fields.Label].SequenceEqual(PemLabel))
        {
            var der = Convert.FromBase64String(pem[fields.Base64Data].ToString());
            if (TryEd25519(der, out var ed25519))
            {
                return new DkimSigningKey(ed25519);
            }
        }

        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);

            // A public key imports too; only a private one can sign.
            rsa.ExportParameters(includePrivateParameters: true);
            return new DkimSigningKey(rsa);
        }
        catch (Exception exception) when (exception is ArgumentException or CryptographicException)
        {
            rsa.Dispose();
            throw new FormatException("The PEM text holds no RSA or Ed25519 private key.", exception);
        }
    }

    /// <summary>The key as PKCS#8 PEM ("PRIVATE KEY"), to store with restricted permissions.</summary>
    /// <returns>The PEM text.</returns>
    public string ToPem()
    {
        var der = _rsa is not null
            ? _rsa.ExportPkcs8PrivateKey()
            : PrivateKeyInfoFactory.CreatePrivateKeyInfo(_ed25519!).GetDerEncoded();
        return new string(PemEncoding.Write(PemLabel, der)) + "\n";
    }

    /// <summary>
    /// The TXT record to publish at <c>selector._domainkey.domain</c>:
    /// <c>v=DKIM1; k=rsa; p=…</c> (SubjectPublicKeyInfo) or <c>v=DKIM1; k=ed25519; p=…</c> (the raw 32-byte key).
    /// </summary>
    /// <returns>The record text (split it into 255-byte strings when writing a zone file).</returns>
    public string ToDnsRecord()
    {
        var publicKey = _rsa is not null
            ? _rsa.ExportSubjectPublicKeyInfo()
            : _ed25519!.GeneratePublicKey().GetEncoded();
        return $"v=DKIM1; k={(_rsa is not null ? "rsa" : "ed25519")}; p={Convert.ToBase64String(publicKey)}";
    }

    /// <summary>Signs data: RSASSA-PKCS1-v1_5 over SHA-256, or Ed25519 over the SHA-256 hash (RFC 8463 §3).</summary>
    internal byte[] Sign(ReadOnlySpan<byte> data)
    {
        if (_rsa is not null)
        {
            return _rsa.SignData(data.ToArray(), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }

        var signer = new Ed25519Signer();
        signer.Init(true, _ed25519);
        var hash = SHA256.HashData(data);
        signer.BlockUpdate(hash, 0, hash.Length);
        return signer.GenerateSignature();
    }

    /// <summary>Releases the RSA key.</summary>
    public void Dispose() => _rsa?.Dispose();

    private static bool TryEd25519(byte[] der, out Ed25519PrivateKeyParameters key)
    {
        key = null!;
        try
        {
            if (PrivateKeyFactory.CreateKey(der) is Ed25519PrivateKeyParameters ed25519)
            {
                key = ed25519;
                return true;
            }
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or IOException or SecurityUtilityException)
        {
            // Not an Ed25519 PKCS#8 structure: the caller tries RSA next.
            return false;
        }

        return false;
    }
}
