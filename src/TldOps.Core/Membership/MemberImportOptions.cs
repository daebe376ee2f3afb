using TldOps.Mail;

namespace TldOps.Core.Membership;

/// <summary>
/// Limits and rules of a members import. <see cref="Default"/> is frozen; call <see cref="FreezableOptions{TSelf}.Clone"/>
/// to change a copy.
/// </summary>
public sealed class MemberImportOptions : FreezableOptions<MemberImportOptions>
{
    private int _maxFileBytes = 1024 * 1024;
    private int _maxRows = 2000;
    private int _maxNameLength = ContactFieldRules.MaxTextLength;
    private int _maxContactsPerCcTld = 3;
    private bool _requirePhone = true;

    /// <summary>The frozen defaults.</summary>
    public static MemberImportOptions Default { get; } = new MemberImportOptions().Freeze();

    /// <summary>
    /// The largest file read, in bytes. Default 1 MiB: every ccTLD with its full quota of contacts
    /// (309 × 3) at 200 bytes a line is under 200 KiB.
    /// </summary>
    public int MaxFileBytes
    {
        get => _maxFileBytes;
        set => SetAtLeast(ref _maxFileBytes, value, 1);
    }

    /// <summary>The most entries in one file. Default 2000, twice the most the community can hold (309 × 3) plus liaisons.</summary>
    public int MaxRows
    {
        get => _maxRows;
        set => SetAtLeast(ref _maxRows, value, 1);
    }

    /// <summary>The longest name, in characters. Default 200 (<see cref="ContactFieldRules.MaxTextLength"/>, as the forms allow).</summary>
    public int MaxNameLength
    {
        get => _maxNameLength;
        set => SetAtLeast(ref _maxNameLength, value, 1);
    }

    /// <summary>
    /// How many people a ccTLD may have on the list (removed ones not counted). Default 3: the
    /// community's rule since 2015 (it was 2 at the start); the committee may change it.
    /// </summary>
    public int MaxContactsPerCcTld
    {
        get => _maxContactsPerCcTld;
        set => SetAtLeast(ref _maxContactsPerCcTld, value, 1);
    }

    /// <summary>
    /// Whether each entry must give a phone number. Default true: reachability by phone, without
    /// the Internet, is what the contact repository is for.
    /// </summary>
    public bool RequirePhone
    {
        get => _requirePhone;
        set => Set(ref _requirePhone, value);
    }
}
