using System.Text;

namespace TldOps.Mail.Mime;

/// <summary>
/// Collects the pieces of a serialised message. Unchanged pieces are slices of the parsed
/// input, so writing an unmodified message copies nothing until it reaches the stream.
/// </summary>
internal sealed class SegmentWriter
{
    private readonly List<ReadOnlyMemory<byte>> _segments = [];
    private string? _pendingNewLine;

    public IReadOnlyList<ReadOnlyMemory<byte>> Segments => _segments;

    public long Length { get; private set; }

    /// <summary>Asks for a line break before the next non-empty piece (a field written without one).</summary>
    public void RequestNewLine(string newLine) => _pendingNewLine = newLine;

    public void Write(ReadOnlyMemory<byte> segment)
    {
        if (segment.IsEmpty)
        {
            return;
        }

        if (_pendingNewLine is not null)
        {
            var newLine = _pendingNewLine;
            _pendingNewLine = null;
            Write(newLine);
        }

        _segments.Add(segment);
        Length += segment.Length;
    }

    public void Write(string ascii) => Write(Encoding.UTF8.GetBytes(ascii));

    public byte[] ToArray()
    {
        var result = new byte[Length];
        var offset = 0;
        foreach (var segment in _segments)
        {
            segment.Span.CopyTo(result.AsSpan(offset));
            offset += segment.Length;
        }

        return result;
    }

    public void CopyTo(Stream stream)
    {
        foreach (var segment in _segments)
        {
            stream.Write(segment.Span);
        }
    }

    public async Task CopyToAsync(Stream stream, CancellationToken cancellationToken)
    {
        foreach (var segment in _segments)
        {
            await stream.WriteAsync(segment, cancellationToken).ConfigureAwait(false);
        }
    }
}
