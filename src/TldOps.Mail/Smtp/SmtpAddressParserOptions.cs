namespace TldOps.Mail.Smtp;

/// <summary>
/// Limits for parsing RFC 5321 envelope addresses (<see cref="SmtpAddress"/>). <see cref="Default"/>
/// is frozen; call <see cref="Clone"/> to change a limit.
/// </summary>
public sealed class SmtpAddressParserOptions
{
    private bool _frozen;
    private int _maxLocalPartLength = 64;
    private int _maxDomainLength = 255;
    private int _maxPathLength = 256;
    private bool _allowUtf8 = true;

    /// <summary>The frozen defaults: the RFC 5321 §4.5.3.1 sizes, UTF-8 allowed (RFC 6531).</summary>
    public static SmtpAddressParserOptions Default { get; } = new SmtpAddressParserOptions().Freeze();

    /// <summary>
    /// Longest local part in octets. Default 64, RFC 5321 §4.5.3.1.1. Values from 1 to 1024.
    /// </summary>
    public int MaxLocalPartLength
    {
        get => _maxLocalPartLength;
        set => _maxLocalPartLength = Checked(value, 1, 1024);
    }

    /// <summary>Longest domain in octets. Default 255, RFC 5321 §4.5.3.1.2. Values from 1 to 1024.</summary>
    public int MaxDomainLength
    {
        get => _maxDomainLength;
        set => _maxDomainLength = Checked(value, 1, 1024);
    }

    /// <summary>
    /// Longest path in octets, counting the angle brackets: default 256, RFC 5321 §4.5.3.1.3.
    /// Without brackets a mailbox may be at most this minus two. Values from 3 to 4096.
    /// </summary>
    public int MaxPathLength
    {
        get => _maxPathLength;
        set => _maxPathLength = Checked(value, 3, 4096);
    }

    /// <summary>
    /// Whether UTF-8 local parts and domains (RFC 6531 §3.3) are accepted. Default true; the server
    /// still refuses them in a transaction that did not ask for SMTPUTF8.
    /// </summary>
    public bool AllowUtf8
    {
        get => _allowUtf8;
        set
        {
            ThrowIfFrozen();
            _allowUtf8 = value;
        }
    }

    /// <summary>True for <see cref="Default"/> and other frozen instances, whose setters throw.</summary>
    public bool IsFrozen => _frozen;

    /// <summary>A mutable copy.</summary>
    public SmtpAddressParserOptions Clone() => new()
    {
        _maxLocalPartLength = _maxLocalPartLength,
        _maxDomainLength = _maxDomainLength,
        _maxPathLength = _maxPathLength,
        _allowUtf8 = _allowUtf8,
    };

    /// <summary>Makes this instance read-only and returns it.</summary>
    public SmtpAddressParserOptions Freeze()
    {
        _frozen = true;
        return this;
    }

    private int Checked(int value, int min, int max)
    {
        ThrowIfFrozen();
        ArgumentOutOfRangeException.ThrowIfLessThan(value, min);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, max);
        return value;
    }

    private void ThrowIfFrozen()
    {
        if (_frozen)
        {
            throw new InvalidOperationException("These options are frozen; change a Clone() instead.");
        }
    }
}
