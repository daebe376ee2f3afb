namespace TldOps.Mail.Dkim;

/// <summary>
/// What <see cref="DkimVerifier"/> accepts. <see cref="Default"/> is frozen; <see cref="FreezableOptions{TSelf}.Clone"/> it to change a value.
/// </summary>
public sealed class DkimVerifierOptions : FreezableOptions<DkimVerifierOptions>
{
    private int _minimumRsaKeySize = 1024;
    private bool _allowSha1;
    private bool _allowBodyLengthLimit;
    private int _maxSignatures = 8;
    private TimeSpan _clockSkew = TimeSpan.FromMinutes(5);

    /// <summary>The defaults (frozen).</summary>
    public static DkimVerifierOptions Default { get; } = new DkimVerifierOptions().Freeze();

    /// <summary>The shortest RSA key trusted, in bits (default 1024, the floor of RFC 8301 §3.2).</summary>
    public int MinimumRsaKeySize { get => _minimumRsaKeySize; set => Set(ref _minimumRsaKeySize, value); }

    /// <summary>Whether rsa-sha1 signatures may pass (default false: RFC 8301 §3.1 says verifiers MUST NOT).</summary>
    public bool AllowSha1 { get => _allowSha1; set => Set(ref _allowSha1, value); }

    /// <summary>
    /// Whether a signature whose l= leaves part of the body unsigned may pass (default false:
    /// anyone can append text, RFC 6376 §8.2, so such a signature is <see cref="DkimStatus.NotTrusted"/>).
    /// </summary>
    public bool AllowBodyLengthLimit { get => _allowBodyLengthLimit; set => Set(ref _allowBodyLengthLimit, value); }

    /// <summary>The most DKIM-Signature fields checked per message (default 8); the rest are reported, not checked, bounding DNS lookups and work.</summary>
    public int MaxSignatures { get => _maxSignatures; set => SetAtLeast(ref _maxSignatures, value, 1); }

    /// <summary>How far in the future a t= timestamp may be (default 5 minutes of clock skew).</summary>
    public TimeSpan ClockSkew { get => _clockSkew; set => SetAtLeast(ref _clockSkew, value, TimeSpan.Zero); }
}
