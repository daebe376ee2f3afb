namespace TldOps.Mail.Dkim;

/// <summary>
/// What <see cref="DkimVerifier"/> accepts. <see cref="Default"/> is frozen; <see cref="Clone"/> it to change a value.
/// </summary>
public sealed class DkimVerifierOptions
{
    private int _minimumRsaKeySize = 1024;
    private bool _allowSha1;
    private bool _allowBodyLengthLimit;
    private int _maxSignatures = 8;
    private TimeSpan _clockSkew = TimeSpan.FromMinutes(5);

    /// <summary>The defaults (frozen).</summary>
    public static DkimVerifierOptions Default { get; } = new DkimVerifierOptions().Freeze();

    /// <summary>True when the options can no longer change.</summary>
    public bool IsFrozen { get; private set; }

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
    public int MaxSignatures
    {
        get => _maxSignatures;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            Set(ref _maxSignatures, value);
        }
    }

    /// <summary>How far in the future a t= timestamp may be (default 5 minutes of clock skew).</summary>
    public TimeSpan ClockSkew
    {
        get => _clockSkew;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            Set(ref _clockSkew, value);
        }
    }

    /// <summary>A modifiable copy.</summary>
    /// <returns>The copy, not frozen.</returns>
    public DkimVerifierOptions Clone() => new()
    {
        _minimumRsaKeySize = _minimumRsaKeySize,
        _allowSha1 = _allowSha1,
        _allowBodyLengthLimit = _allowBodyLengthLimit,
        _maxSignatures = _maxSignatures,
        _clockSkew = _clockSkew,
    };

    /// <summary>Makes these options read-only.</summary>
    /// <returns>This instance.</returns>
    public DkimVerifierOptions Freeze()
    {
        IsFrozen = true;
        return this;
    }

    private void Set<T>(ref T field, T value)
    {
        if (IsFrozen)
        {
            throw new InvalidOperationException("These options are frozen; change a Clone() instead.");
        }

        field = value;
    }
}
