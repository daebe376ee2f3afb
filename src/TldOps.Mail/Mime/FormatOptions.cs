namespace TldOps.Mail.Mime;

/// <summary>
/// How new or changed parts of a message are written: line ending, whether raw UTF-8 may go in
/// headers (SMTPUTF8, RFC 6531/6532) and 8-bit bytes in bodies (8BITMIME, RFC 6152), and the
/// folding width. Unchanged parts of a parsed message are always written byte for byte.
/// <see cref="Default"/> is frozen; <see cref="FreezableOptions{TSelf}.Clone"/> it to change a value.
/// </summary>
public sealed class FormatOptions : FreezableOptions<FormatOptions>
{
    private string _newLine = "\r\n";
    private bool _allowUtf8Headers;
    private bool _allow8BitBody;
    private int _maxLineLength = 78;

    /// <summary>CRLF, 7-bit clean, folded at 78 (frozen).</summary>
    public static FormatOptions Default { get; } = new FormatOptions().Freeze();

    /// <summary>As <see cref="Default"/> but with LF line endings, for files and pipes (frozen).</summary>
    public static FormatOptions Unix { get; } = new FormatOptions { NewLine = "\n" }.Freeze();

    /// <summary>As <see cref="Default"/> but for a peer that offered SMTPUTF8 and 8BITMIME (frozen).</summary>
    public static FormatOptions International { get; } = new FormatOptions { AllowUtf8Headers = true, Allow8BitBody = true }.Freeze();

    /// <summary>The line ending: "\r\n" (default, RFC 5322 §2.1) or "\n".</summary>
    /// <exception cref="ArgumentException">Anything else.</exception>
    public string NewLine
    {
        get => _newLine;
        set
        {
            ThrowIfFrozen();
            if (value is not ("\r\n" or "\n"))
            {
                throw new ArgumentException("The line ending must be \"\\r\\n\" or \"\\n\".", nameof(value));
            }

            _newLine = value;
        }
    }

    /// <summary>
    /// When true, non-ASCII header text and addresses are written as raw UTF-8 (RFC 6532),
    /// which needs a peer that offered SMTPUTF8. When false (default), text is written as
    /// RFC 2047 encoded words and domains as punycode; a non-ASCII local part cannot be
    /// written and throws.
    /// </summary>
    public bool AllowUtf8Headers { get => _allowUtf8Headers; set => Set(ref _allowUtf8Headers, value); }

    /// <summary>
    /// When true, text bodies with non-ASCII characters are written as 8bit (needs 8BITMIME,
    /// RFC 6152). When false (default), they are quoted-printable, so the message is 7-bit clean.
    /// </summary>
    public bool Allow8BitBody { get => _allow8BitBody; set => Set(ref _allow8BitBody, value); }

    /// <summary>The width header fields are folded to (default 78, RFC 5322 §2.1.1; at least 40, at most 998).</summary>
    public int MaxLineLength { get => _maxLineLength; set => SetInRange(ref _maxLineLength, value, 40, 998); }
}
