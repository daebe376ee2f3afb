using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace TldOps.Mail.Smtp.Server;

/// <summary>Certificates for STARTTLS: loaded from files in production, self-signed for development and tests.</summary>
public static class SmtpServerCertificates
{
    /// <summary>
    /// Loads a certificate with its private key: a PKCS#12 file (.pfx/.p12, with an optional
    /// password) or a PEM certificate with its PEM key file.
    /// </summary>
    /// <param name="certificatePath">The .pfx/.p12 file, or the PEM certificate (chain) file.</param>
    /// <param name="keyPath">The PEM private key file; null for PKCS#12.</param>
    /// <param name="password">The PKCS#12 password or the PEM key's password, if any.</param>
    /// <exception cref="CryptographicException">The files do not hold a certificate with a usable private key.</exception>
    /// <exception cref="FileNotFoundException">A file does not exist.</exception>
    public static X509Certificate2 Load(string certificatePath, string? keyPath = null, string? password = null)
    {
        ArgumentNullException.ThrowIfNull(certificatePath);
        if (keyPath is null)
        {
            return X509CertificateLoader.LoadPkcs12FromFile(certificatePath, password);
        }

        using var pem = password is null
            ? X509Certificate2.CreateFromPemFile(certificatePath, keyPath)
            : X509Certificate2.CreateFromEncryptedPemFile(certificatePath, password, keyPath);

        // Round-trip through PKCS#12 so that SslStream can use the key on every platform.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pfx), null);
    }

    /// <summary>
    /// Makes a self-signed ECDSA P-256 certificate for <paramref name="hostName"/>, valid from one
    /// day before now for <paramref name="validity"/> (default 90 days). For development and
    /// tests only: peers that verify certificates will not trust it.
    /// </summary>
    public static X509Certificate2 CreateSelfSigned(string hostName, TimeProvider? timeProvider = null, TimeSpan? validity = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hostName);
        var now = (timeProvider ?? TimeProvider.System).GetUtcNow();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={hostName}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        if (System.Net.IPAddress.TryParse(hostName, out var ip))
        {
            names.AddIpAddress(ip);
        }
        else
        {
            names.AddDnsName(hostName);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now + (validity ?? TimeSpan.FromDays(90)));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }
}
