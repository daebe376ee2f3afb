namespace TldOps.Mail.Tests.Smtp.Support;

/// <summary>Passes bytes through to a real connection and records both directions, for making transcripts.</summary>
internal sealed class RecordingStream(Stream inner) : Stream
{
    private readonly List<TranscriptRecord> _records = [];

    public IReadOnlyList<TranscriptRecord> Records
    {
        get
        {
            lock (_records)
            {
                return _records.ToArray();
            }
        }
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        Add(false, buffer.Span[..read]);
        return read;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Add(true, buffer.Span);
        await inner.WriteAsync(buffer, cancellationToken);
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = inner.Read(buffer, offset, count);
        Add(false, buffer.AsSpan(offset, read));
        return read;
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        Add(true, buffer.AsSpan(offset, count));
        inner.Write(buffer, offset, count);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>
    /// Writes the transcript to the source tree when TLDOPS_RECORD_TRANSCRIPTS is set (the way
    /// the stored transcripts were made); otherwise does nothing.
    /// </summary>
    public void SaveIfRecording(string name, params string[] comments)
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("TLDOPS_RECORD_TRANSCRIPTS")))
        {
            return;
        }

        Directory.CreateDirectory(Transcript.DirectoryPath);
        File.WriteAllText(Path.Combine(Transcript.DirectoryPath, name), Transcript.Format(Records, comments));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Add(bool fromClient, ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return;
        }

        lock (_records)
        {
            _records.Add(new TranscriptRecord(fromClient, bytes.ToArray()));
        }
    }
}
