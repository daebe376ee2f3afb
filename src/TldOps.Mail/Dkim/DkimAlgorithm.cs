namespace TldOps.Mail.Dkim;

/// <summary>A DKIM signing algorithm (the a= tag).</summary>
public enum DkimAlgorithm
{
    /// <summary>rsa-sha256 (RFC 6376 §3.3.2).</summary>
    RsaSha256,

    /// <summary>ed25519-sha256 (RFC 8463).</summary>
    Ed25519Sha256,

    /// <summary>rsa-sha1: recognised, never trusted (RFC 8301 §3.1 forbids it).</summary>
    RsaSha1,
}
