namespace TldOps.Mail.Mime;

/// <summary>
/// Limits and choices for <see cref="MimeMessage.Load(ReadOnlyMemory{byte}, MimeParserOptions?, CancellationToken)"/>.
/// <see cref="Default"/> is frozen; <see cref="FreezableOptions{TSelf}.Clone"/> it to change a value.
/// </summary>
/// <remarks>
/// Every limit is in bytes or counts, so that hostile input costs bounded time and memory.
/// Exceeding one throws <see cref="MimeLimitExceededException"/> naming the limit and the
/// byte offset where it was hit.
/// </remarks>
public sealed class MimeParserOptions : FreezableOptions<MimeParserOptions>
{
    private int _maxHeaderBytes = 1024 * 1024;
    private int _maxLineLength = 1024 * 1024;
    private int _maxMimeDepth = 64;
    private int _maxParts = 10_000;
    private long _maxMessageSize = 256L * 1024 * 1024;
    private string _headerFallbackCharset = "windows-1252";

    /// <summary>The defaults (frozen).</summary>
    public static MimeParserOptions Default { get; } = new MimeParserOptions().Freeze();

    /// <summary>
    /// The largest header block of one entity, in bytes (default 1 MiB). Postfix's
    /// header_size_limit is 100 KiB; real messages with long folded recipient lists reach
    /// a few hundred KiB.
    /// </summary>
    public int MaxHeaderBytes { get => _maxHeaderBytes; set => SetAtLeast(ref _maxHeaderBytes, value, 1); }

    /// <summary>
    /// The longest line, in bytes without its line break (default 1 MiB). RFC 5322 §2.1.1 says
    /// 998, but mail in the wild carries unwrapped HTML and base64 on one line, so the default
    /// only stops pathological input.
    /// </summary>
    public int MaxLineLength { get => _maxLineLength; set => SetAtLeast(ref _maxLineLength, value, 1); }

    /// <summary>
    /// The deepest nesting of multiparts and embedded messages (default 64; the root is depth 0).
    /// </summary>
    public int MaxMimeDepth { get => _maxMimeDepth; set => SetAtLeast(ref _maxMimeDepth, value, 1); }

    /// <summary>The most entities (containers and leaves) in one message (default 10,000).</summary>
    public int MaxParts { get => _maxParts; set => SetAtLeast(ref _maxParts, value, 1); }

    /// <summary>The largest message, in bytes (default 256 MiB; at most <see cref="Array.MaxLength"/>).</summary>
    public long MaxMessageSize { get => _maxMessageSize; set => SetInRange(ref _maxMessageSize, value, 1, Array.MaxLength); }

    /// <summary>
    /// The charset for header bytes that are not valid UTF-8 (RFC 6532 allows raw UTF-8; older
    /// clients send their local charset). Default windows-1252.
    /// </summary>
    public string HeaderFallbackCharset
    {
        get => _headerFallbackCharset;
        set
        {
            ThrowIfFrozen();
            ArgumentException.ThrowIfNullOrWhiteSpace(value);
            _headerFallbackCharset = value;
        }
    }
}
