namespace TldOps.Mail.Addresses;

/// <summary>
/// Limits and choices for <see cref="AddressParser"/>. <see cref="Default"/> is frozen;
/// <see cref="Clone"/> it to change a value.
/// </summary>
public sealed class AddressParserOptions
{
    private int _maxLength = 1024 * 1024;
    private int _maxAddresses = 10_000;
    private bool _allowMissingDomain = true;

    /// <summary>The defaults (frozen).</summary>
    public static AddressParserOptions Default { get; } = new AddressParserOptions().Freeze();

    /// <summary>True when the options can no longer change.</summary>
    public bool IsFrozen { get; private set; }

    /// <summary>The longest text accepted, in characters (default 1 Mi, as <c>MimeParserOptions.MaxHeaderBytes</c>).</summary>
    public int MaxLength
    {
        get => _maxLength;
        set
        {
            ThrowIfFrozen();
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            _maxLength = value;
        }
    }

    /// <summary>The most mailboxes in one list, group members included (default 10,000).</summary>
    public int MaxAddresses
    {
        get => _maxAddresses;
        set
        {
            ThrowIfFrozen();
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            _maxAddresses = value;
        }
    }

    /// <summary>
    /// Whether a bare local part ("postmaster", "undisclosed recipients" tools write such) is
    /// read as a mailbox with an empty domain (default true). RFC 5322 requires a domain.
    /// </summary>
    public bool AllowMissingDomain
    {
        get => _allowMissingDomain;
        set
        {
            ThrowIfFrozen();
            _allowMissingDomain = value;
        }
    }

    /// <summary>A modifiable copy.</summary>
    /// <returns>The copy, not frozen.</returns>
    public AddressParserOptions Clone() => new()
    {
        _maxLength = _maxLength,
        _maxAddresses = _maxAddresses,
        _allowMissingDomain = _allowMissingDomain,
    };

    /// <summary>Makes these options read-only.</summary>
    /// <returns>This instance.</returns>
    public AddressParserOptions Freeze()
    {
        IsFrozen = true;
        return this;
    }

    private void ThrowIfFrozen()
    {
        if (IsFrozen)
        {
            throw new InvalidOperationException("These options are frozen; change a Clone() instead.");
        }
    }
}
