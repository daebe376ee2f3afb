using System.Collections;
using System.Text;

namespace TldOps.Mail.Mime;

/// <summary>
/// A multipart entity (RFC 2046 §5.1): a preamble, parts separated by boundary lines, a close
/// boundary and an epilogue. Parsed boundary lines are kept byte for byte (including
/// transport padding and the line break before each, which RFC 2046 §5.1.1 assigns to the
/// boundary); parts added later get fresh boundary lines.
/// </summary>
public sealed class Multipart : MimeEntity, IReadOnlyList<MimeEntity>
{
    private readonly List<Child> _children = [];
    private readonly string? _parsedBoundary;
    private bool _modified;

    internal Multipart(HeaderList headers, ReadOnlyMemory<byte>? headerSeparator, ContentType defaultContentType, string parsedBoundary)
        : base(headers, headerSeparator, defaultContentType)
    {
        _parsedBoundary = parsedBoundary;
    }

    /// <summary>Creates an empty multipart with a Content-Type field carrying <paramref name="boundary"/>.</summary>
    /// <param name="subtype">The subtype: "mixed", "alternative", "related", "signed"…</param>
    /// <param name="boundary">The boundary (1–70 characters of RFC 2046 §5.1.1 bchars, not ending in a space).</param>
    /// <param name="formatOptions">Formatting for its fields; <see cref="FormatOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentException">The boundary is not valid.</exception>
    public Multipart(string subtype, string boundary, FormatOptions? formatOptions = null)
        : base(new HeaderList(formatOptions), null, ContentType.TextPlain)
    {
        ValidateBoundary(boundary);
        var type = new ContentType("multipart", subtype).WithParameter("boundary", boundary);
        Headers.Add(Header.CreateRaw("Content-Type", type.ToWireValue(), Headers.FormatOptions));
    }

    /// <summary>The boundary from the Content-Type field.</summary>
    public string Boundary => ContentType.Boundary ?? _parsedBoundary ?? string.Empty;

    /// <summary>The bytes before the first boundary line (without the line break that belongs to it), or null.</summary>
    public ReadOnlyMemory<byte>? Preamble { get; set; }

    /// <summary>The bytes after the close boundary line, or null.</summary>
    public ReadOnlyMemory<byte>? Epilogue { get; set; }

    /// <summary>True when the parsed input had a close boundary line ("--boundary--").</summary>
    public bool HasCloseBoundary => RawClose is not null;

    /// <summary>The number of parts.</summary>
    public int Count => _children.Count;

    /// <summary>The part at a position.</summary>
    /// <param name="index">The position.</param>
    public MimeEntity this[int index] => _children[index].Entity;

    /// <summary>The close boundary line as parsed (with the line break before it), or null.</summary>
    internal ReadOnlyMemory<byte>? RawClose { get; set; }

    /// <summary>Appends a part.</summary>
    /// <param name="entity">The part.</param>
    public void Add(MimeEntity entity) => Insert(_children.Count, entity);

    /// <summary>Inserts a part at a position.</summary>
    /// <param name="index">The position.</param>
    /// <param name="entity">The part.</param>
    public void Insert(int index, MimeEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        _children.Insert(index, new Child(entity, null));
        _modified = true;
    }

    /// <summary>Removes the part at a position.</summary>
    /// <param name="index">The position.</param>
    public void RemoveAt(int index)
    {
        _children.RemoveAt(index);
        _modified = true;
    }

    /// <summary>The parts in order.</summary>
    /// <returns>The enumerator.</returns>
    public IEnumerator<MimeEntity> GetEnumerator() => _children.Select(c => c.Entity).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal void AddParsed(MimeEntity entity, ReadOnlyMemory<byte> rawDelimiter) => _children.Add(new Child(entity, rawDelimiter));

    internal override void WriteBody(SegmentWriter writer)
    {
        var boundary = Boundary;
        var keepRaw = string.Equals(boundary, _parsedBoundary, StringComparison.Ordinal);
        var newLine = NewLine;
        if (Preamble is { } preamble)
        {
            writer.Write(preamble);
        }

        for (var i = 0; i < _children.Count; i++)
        {
            var child = _children[i];
            if (keepRaw && child.RawDelimiter is { } raw)
            {
                writer.Write(raw);
            }
            else
            {
                var lead = i > 0 || Preamble is not null ? newLine : string.Empty;
                writer.Write(Encoding.UTF8.GetBytes(lead + "--" + boundary + newLine));
            }

            child.Entity.WriteTo(writer);
        }

        if (keepRaw && RawClose is { } close)
        {
            writer.Write(close);
        }
        else if (RawClose is not null || _modified || _parsedBoundary is null || !keepRaw)
        {
            var lead = _children.Count > 0 || Preamble is not null ? newLine : string.Empty;
            writer.Write(Encoding.UTF8.GetBytes(lead + "--" + boundary + "--" + newLine));
        }

        if (Epilogue is { } epilogue)
        {
            writer.Write(epilogue);
        }
    }

    internal static void ValidateBoundary(string boundary)
    {
        ArgumentException.ThrowIfNullOrEmpty(boundary);

        // RFC 2046 §5.1.1: 1 to 70 bchars, the last not a space.
        const string Specials = "'()+_,-./:=? ";
        if (boundary.Length > 70 || boundary.EndsWith(' ')
            || !boundary.All(c => char.IsAsciiLetterOrDigit(c) || Specials.Contains(c, StringComparison.Ordinal)))
        {
            throw new ArgumentException($"'{boundary}' is not a valid MIME boundary.", nameof(boundary));
        }
    }

    private readonly record struct Child(MimeEntity Entity, ReadOnlyMemory<byte>? RawDelimiter);
}
