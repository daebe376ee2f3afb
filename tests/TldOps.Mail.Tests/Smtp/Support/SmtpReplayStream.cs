using System.Text;

namespace TldOps.Mail.Tests.Smtp.Support;

/// <summary>
/// Plays the server's side of a recorded transcript and checks the client's side byte for byte
/// (after MailKit's SmtpReplayStream): reads return the next server record; writes must equal
/// the recorded client bytes, in order, before the next server record is served.
/// </summary>
internal sealed class SmtpReplayStream : Stream
{
    private readonly IReadOnlyList<TranscriptRecord> _records;
    private readonly MemoryStream _expectedClient = new();
    private int _index;
    private int _serverOffset;

    public SmtpReplayStream(IReadOnlyList<TranscriptRecord> records)
    {
        _records = records;
    }

    /// <summary>True when every record has been played and every client byte matched.</summary>
    public bool IsComplete => _index == _records.Count && _expectedClient.Length == _expectedClient.Position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        // Client bytes still owed before the server speaks again mean the client read too early.
        PullClientRecords();
        if (_expectedClient.Position != _expectedClient.Length)
        {
            throw new InvalidOperationException($"The client read a reply but still owes: {Pending()}");
        }

        if (_index == _records.Count)
        {
            return 0;
        }

        var record = _records[_index];
        var n = Math.Min(buffer.Length, record.Bytes.Length - _serverOffset);
        record.Bytes.AsSpan(_serverOffset, n).CopyTo(buffer);
        _serverOffset += n;
        if (_serverOffset == record.Bytes.Length)
        {
            _index++;
            _serverOffset = 0;
        }

        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        PullClientRecords();
        var available = (int)(_expectedClient.Length - _expectedClient.Position);
        var expected = _expectedClient.GetBuffer().AsSpan((int)_expectedClient.Position, available);
        if (buffer.Length > expected.Length || !buffer.SequenceEqual(expected[..buffer.Length]))
        {
            throw new InvalidOperationException(
                $"The client wrote\n  {Transcript.Escape(buffer)}\nbut the transcript expects\n  {Transcript.Escape(expected)}");
        }

        _expectedClient.Position += buffer.Length;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public string Pending() => Encoding.ASCII.GetString(_expectedClient.GetBuffer(), (int)_expectedClient.Position, (int)(_expectedClient.Length - _expectedClient.Position));

    private void PullClientRecords()
    {
        while (_index < _records.Count && _records[_index].FromClient && _serverOffset == 0)
        {
            var position = _expectedClient.Position;
            _expectedClient.Seek(0, SeekOrigin.End);
            _expectedClient.Write(_records[_index].Bytes);
            _expectedClient.Position = position;
            _index++;
        }
    }
}
