using System.Buffers;
using System.Text;

namespace TldOps.Mail.Smtp.Protocol;

/// <summary>
/// Pending protocol output (replies on the server, commands and data on the client), written to
/// the stream in one call so that pipelined groups leave in as few packets as possible.
/// </summary>
internal sealed class SmtpOutputBuffer : IBufferWriter<byte>, IDisposable
{
    private byte[] _buffer;
    private int _length;

    public SmtpOutputBuffer(int initialSize = 4096)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(initialSize);
    }

    public int Length => _length;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    public void Advance(int count) => _length += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(Math.Max(sizeHint, 1));
        return _buffer.AsMemory(_length);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(Math.Max(sizeHint, 1));
        return _buffer.AsSpan(_length);
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    public void WriteUtf8(string text)
    {
        Ensure(Encoding.UTF8.GetMaxByteCount(text.Length));
        _length += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_length));
    }

    public void WriteNumber(long value)
    {
        Ensure(20);
        value.TryFormat(_buffer.AsSpan(_length), out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        _length += written;
    }

    public void WriteCrlf() => Write("\r\n"u8);

    public async ValueTask FlushAsync(Stream stream, CancellationToken cancellationToken)
    {
        if (_length == 0)
        {
            return;
        }

        var length = _length;
        _length = 0;
        await stream.WriteAsync(_buffer.AsMemory(0, length), cancellationToken);
        await stream.FlushAsync(cancellationToken);
        if (_buffer.Length > 256 * 1024)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(4096);
        }
    }

    public void Clear() => _length = 0;

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _length = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Ensure(int extra)
    {
        if (_buffer.Length - _length >= extra)
        {
            return;
        }

        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + extra));
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = bigger;
    }
}
