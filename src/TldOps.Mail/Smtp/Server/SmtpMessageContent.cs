namespace TldOps.Mail.Smtp.Server;

/// <summary>
/// The bytes of a received message, held in memory or, above
/// <see cref="SmtpServerOptions.SpoolThreshold"/>, in a temporary file. Valid only during the
/// <see cref="ISmtpMessageReceiver"/> call it is given to; afterwards every member throws
/// <see cref="ObjectDisposedException"/>.
/// </summary>
public sealed class SmtpMessageContent
{
    private readonly byte[]? _buffer;
    private readonly string? _path;
    private bool _released;

    internal SmtpMessageContent(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    internal SmtpMessageContent(string path, long length)
    {
        _path = path;
        Length = length;
    }

    /// <summary>The size in octets.</summary>
    public long Length { get; }

    /// <summary>True when the bytes are in memory (see <see cref="TryGetMemory"/>).</summary>
    public bool IsInMemory => _buffer is not null;

    /// <summary>The bytes without copying, when they are in memory.</summary>
    /// <exception cref="ObjectDisposedException">The receiver call this content was given to has returned.</exception>
    public bool TryGetMemory(out ReadOnlyMemory<byte> memory)
    {
        ThrowIfReleased();
        memory = _buffer is null ? default : _buffer.AsMemory(0, (int)Length);
        return _buffer is not null;
    }

    /// <summary>A new read-only stream over the bytes; the caller disposes it.</summary>
    /// <exception cref="ObjectDisposedException">The receiver call this content was given to has returned.</exception>
    public Stream OpenRead()
    {
        ThrowIfReleased();
        return _buffer is not null
            ? new MemoryStream(_buffer, 0, (int)Length, writable: false)
            : new FileStream(_path!, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
    }

    /// <summary>Copies the bytes to a stream.</summary>
    /// <exception cref="ObjectDisposedException">The receiver call this content was given to has returned.</exception>
    public async Task CopyToAsync(Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (TryGetMemory(out var memory))
        {
            await destination.WriteAsync(memory, cancellationToken);
            return;
        }

        var source = OpenRead();
        await using (source)
        {
            await source.CopyToAsync(destination, cancellationToken);
        }
    }

    /// <summary>A copy of the bytes in a new array.</summary>
    /// <exception cref="ObjectDisposedException">The receiver call this content was given to has returned.</exception>
    public async Task<byte[]> ToArrayAsync(CancellationToken cancellationToken = default)
    {
        if (TryGetMemory(out var memory))
        {
            return memory.ToArray();
        }

        var result = new byte[Length];
        var source = OpenRead();
        await using (source)
        {
            await source.ReadExactlyAsync(result, cancellationToken);
        }

        return result;
    }

    internal void Release() => _released = true;

    private void ThrowIfReleased() =>
        ObjectDisposedException.ThrowIf(_released, this);
}
