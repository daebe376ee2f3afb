using System.Buffers;

namespace TldOps.Mail.Smtp.Protocol;

/// <summary>What <see cref="SmtpInputBuffer.TryTakeLine"/> found.</summary>
internal enum SmtpLineStatus
{
    /// <summary>No line end yet; read more.</summary>
    NeedMore,

    /// <summary>A line ended by CRLF.</summary>
    Line,

    /// <summary>A line ended by LF alone.</summary>
    BareLineFeedLine,

    /// <summary>The line is longer than allowed (complete or not).</summary>
    TooLong,
}

/// <summary>
/// A fixed-size receive buffer over a stream: the only place protocol input is held, so memory per
/// connection is this buffer's size whatever the peer sends.
/// </summary>
internal sealed class SmtpInputBuffer : IDisposable
{
    private byte[] _buffer;
    private int _start;
    private int _end;

    public SmtpInputBuffer(int size)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(size);
    }

    public int Count => _end - _start;

    public ReadOnlySpan<byte> Span => _buffer.AsSpan(_start, _end - _start);

    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(_start, _end - _start);

    public int Capacity => _buffer.Length;

    public void Consume(int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Count);
        _start += count;
        if (_start == _end)
        {
            _start = 0;
            _end = 0;
        }
    }

    /// <summary>Reads what the stream has (at least one byte); returns 0 at end of stream.</summary>
    public async ValueTask<int> FillAsync(Stream stream, CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, Count).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            throw new InvalidOperationException("The input buffer is full; consume before reading more.");
        }

        var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
        _end += read;
        return read;
    }

    /// <summary>
    /// Looks for a line of at most <paramref name="maxLength"/> octets (terminator included).
    /// <paramref name="lineLength"/> excludes the terminator; <paramref name="consumed"/> includes it.
    /// </summary>
    public SmtpLineStatus TryTakeLine(int maxLength, out int lineLength, out int consumed)
    {
        var span = Span;
        var lf = span.IndexOf((byte)'\n');
        lineLength = 0;
        consumed = 0;
        if (lf < 0)
        {
            return span.Length >= maxLength || _end == _buffer.Length && _start == 0 ? SmtpLineStatus.TooLong : SmtpLineStatus.NeedMore;
        }

        consumed = lf + 1;
        if (consumed > maxLength)
        {
            return SmtpLineStatus.TooLong;
        }

        var bare = lf == 0 || span[lf - 1] != (byte)'\r';
        lineLength = bare ? lf : lf - 1;
        return bare ? SmtpLineStatus.BareLineFeedLine : SmtpLineStatus.Line;
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _start = 0;
        _end = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
