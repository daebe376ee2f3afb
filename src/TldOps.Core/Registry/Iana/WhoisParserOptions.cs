using TldOps.Mail;

namespace TldOps.Core.Registry.Iana;

/// <summary>
/// Limits and choices for <see cref="WhoisRecordParser"/>. <see cref="Default"/> is frozen; call
/// <see cref="FreezableOptions{TSelf}.Clone"/> to change a value.
/// </summary>
public sealed class WhoisParserOptions : FreezableOptions<WhoisParserOptions>
{
    private int _maxBytes = 64 * 1024;
    private int _maxLineLength = 1024;
    private int _maxLines = 2000;
    private bool _allowLatin1Legacy = true;

    /// <summary>The defaults, frozen: 64 KiB, 1,024-byte lines, 2,000 lines, Latin-1 legacy answers allowed.</summary>
    public static WhoisParserOptions Default { get; } = new WhoisParserOptions().Freeze();

    /// <summary>
    /// The largest answer accepted, in bytes. Default 65,536: the largest real answer in the
    /// 2010–2024 corpus is under 4 KB (a TLD with 13 name servers and 2 DS records).
    /// </summary>
    public int MaxBytes
    {
        get => _maxBytes;
        set => SetAtLeast(ref _maxBytes, value, 1);
    }

    /// <summary>The longest line accepted, in bytes without the line ending. Default 1,024 (real lines stay under 150).</summary>
    public int MaxLineLength
    {
        get => _maxLineLength;
        set => SetAtLeast(ref _maxLineLength, value, 16);
    }

    /// <summary>The most lines accepted. Default 2,000 (real answers have under 120).</summary>
    public int MaxLines
    {
        get => _maxLines;
        set => SetAtLeast(ref _maxLines, value, 1);
    }

    /// <summary>
    /// Whether a legacy-layout answer that is not valid UTF-8 is read as ISO-8859-1, which is what
    /// the pre-2010 service sent ("Jesús", "Ålands"). Default true. Current-layout answers are
    /// always UTF-8; invalid bytes there are an error.
    /// </summary>
    public bool AllowLatin1Legacy
    {
        get => _allowLatin1Legacy;
        set => Set(ref _allowLatin1Legacy, value);
    }
}
