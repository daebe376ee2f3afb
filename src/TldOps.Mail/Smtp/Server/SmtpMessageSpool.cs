using System.Buffers;

namespace TldOps.Mail.Smtp.Server;

/// <summary>
/// Collects one message's bytes for a session: in a pooled buffer up to the threshold, then in a
/// temporary file, so memory per connection stays bounded whatever the message size.
/// </summary>
internal sealed class SmtpMessageSpool : IAsyncDisposable
{
    private const int InitialBufferSize = 16 * 1024;
    private readonly int _threshold;
    private readonly string _directory;
    private readonly string _namePrefix;
    private byte[]? _buffer;
    private FileStream? _file;
    private string? _path;
    private int _fileCount;

    public SmtpMessageSpool(int threshold, string directory, string namePrefix)
    {
        _threshold = threshold;
        _directory = directory;
        _namePrefix = namePrefix;
    }

    public long Length { get; private set; }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (data.IsEmpty)
        {
            return;
        }

        if (_file is null && Length + data.Length <= _threshold)
        {
            EnsureCapacity((int)Length + data.Length);
            data.Span.CopyTo(_buffer.AsSpan((int)Length));
            Length += data.Length;
            return;
        }

        if (_file is null)
        {
            await SwitchToFileAsync(cancellationToken);
        }

        await _file!.WriteAsync(data, cancellationToken);
        Length += data.Length;
    }

    /// <summary>The content so far, for handing to the application; the spool must not be written meanwhile.</summary>
    public async ValueTask<SmtpMessageContent> CompleteAsync(CancellationToken cancellationToken)
    {
        if (_file is not null)
        {
            await _file.FlushAsync(cancellationToken);
            return new SmtpMessageContent(_path!, Length);
        }

        return new SmtpMessageContent(_buffer ?? [], (int)Length);
    }

    /// <summary>Discards the content, keeping a small buffer for the next message.</summary>
    public async ValueTask ResetAsync()
    {
        Length = 0;
        await DeleteFileAsync();
        if (_buffer is not null && _buffer.Length > InitialBufferSize * 4)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Length = 0;
        await DeleteFileAsync();
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }
    }

    private void EnsureCapacity(int needed)
    {
        if (_buffer is not null && _buffer.Length >= needed)
        {
            return;
        }

        var size = Math.Max(InitialBufferSize, _buffer?.Length * 2 ?? 0);
        while (size < needed)
        {
            size *= 2;
        }

        var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(size, Math.Max(needed, _threshold)));
        if (_buffer is not null)
        {
            _buffer.AsSpan(0, (int)Length).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = bigger;
    }

    private async ValueTask SwitchToFileAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_directory);
        _path = Path.Combine(_directory, $"{_namePrefix}-{++_fileCount}.spool");
        _file = new FileStream(_path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete, 81920, FileOptions.Asynchronous);
        if (_buffer is not null && Length > 0)
        {
            await _file.WriteAsync(_buffer.AsMemory(0, (int)Length), cancellationToken);
        }
    }

    private async ValueTask DeleteFileAsync()
    {
        if (_file is null)
        {
            return;
        }

        await _file.DisposeAsync();
        _file = null;
        File.Delete(_path!);
        _path = null;
    }
}
