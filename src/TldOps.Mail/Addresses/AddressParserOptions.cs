namespace TldOps.Mail.Addresses;

/// <summary>
/// Limits and choices for <see cref="AddressParser"/>. <see cref="Default"/> is frozen;
/// <see cref="FreezableOptions{TSelf}.Clone"/> it to change a value.
/// </summary>
public sealed class AddressParserOptions : FreezableOptions<AddressParserOptions>
{
    private int _maxLength = 1024 * 1024;
    private int _maxAddresses = 10_000;
    private bool _allowMissingDomain = true;

    /// <summary>The defaults (frozen).</summary>
    public static AddressParserOptions Default { get; } = new AddressParserOptions().Freeze();

    /// <summary>The longest text accepted, in characters (default 1 Mi, as <c>MimeParserOptions.MaxHeaderBytes</c>).</summary>
    public int MaxLength { get => _maxLength; set => SetAtLeast(ref _maxLength, value, 1); }

    /// <summary>The most mailboxes in one list, group members included (default 10,000).</summary>
    public int MaxAddresses { get => _maxAddresses; set => SetAtLeast(ref _maxAddresses, value, 1); }

    /// <summary>
    /// Whether a bare local part ("postmaster", "undisclosed recipients" tools write such) is
    /// read as a mailbox with an empty domain (default true). RFC 5322 requires a domain.
    /// </summary>
    public bool AllowMissingDomain { get => _allowMissingDomain; set => Set(ref _allowMissingDomain, value); }
}
