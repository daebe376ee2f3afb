namespace TldOps.Mail.Smtp;

/// <summary>
/// Limits for parsing RFC 5321 envelope addresses (<see cref="SmtpAddress"/>). <see cref="Default"/>
/// is frozen; call <see cref="FreezableOptions{TSelf}.Clone"/> to change a limit.
/// </summary>
public sealed class SmtpAddressParserOptions : FreezableOptions<SmtpAddressParserOptions>
{
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
        set => SetInRange(ref _maxLocalPartLength, value, 1, 1024);
    }

    /// <summary>Longest domain in octets. Default 255, RFC 5321 §4.5.3.1.2. Values from 1 to 1024.</summary>
    public int MaxDomainLength
    {
        get => _maxDomainLength;
        set => SetInRange(ref _maxDomainLength, value, 1, 1024);
    }

    /// <summary>
    /// Longest path in octets, counting the angle brackets: default 256, RFC 5321 §4.5.3.1.3.
    /// Without brackets a mailbox may be at most this minus two. Values from 3 to 4096.
    /// </summary>
    public int MaxPathLength
    {
        get => _maxPathLength;
        set => SetInRange(ref _maxPathLength, value, 3, 4096);
    }

    /// <summary>
    /// Whether UTF-8 local parts and domains (RFC 6531 §3.3) are accepted. Default true; the server
    /// still refuses them in a transaction that did not ask for SMTPUTF8.
    /// </summary>
    public bool AllowUtf8
    {
        get => _allowUtf8;
        set => Set(ref _allowUtf8, value);
    }
}
