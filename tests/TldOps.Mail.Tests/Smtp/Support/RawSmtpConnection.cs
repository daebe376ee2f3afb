using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TldOps.Mail.Tests.Smtp.Support;

/// <summary>One line-level reply as a raw client saw it.</summary>
internal sealed record RawReply(int Code, IReadOnlyList<string> Lines)
{
    public string Text => string.Join("\n", Lines);

    public override string ToString() => $"{Code} {Text}";
}

/// <summary>
/// A deliberately dumb SMTP client over a raw socket, for sending exactly the bytes a test wants
/// (bad ones included) and reading replies. Every read has a timeout.
/// </summary>
internal sealed class RawSmtpConnection : IAsyncDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);
    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    private RawSmtpConnection(Socket socket, Stream stream)
    {
        _socket = socket;
        Stream = stream;
    }

    public Stream Stream { get; set; }

    public Socket Socket => _socket;

    public int BufferedCount => _end - _start;

    public static async Task<RawSmtpConnection> ConnectAsync(IPEndPoint endPoint)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var cts = new CancellationTokenSource(DefaultTimeout);
        await socket.ConnectAsync(endPoint, cts.Token);
        return new RawSmtpConnection(socket, new NetworkStream(socket, ownsSocket: true));
    }

    public async Task WriteAsync(string text) => await WriteAsync(Encoding.UTF8.GetBytes(text));

    public async Task WriteAsync(byte[] bytes)
    {
        using var cts = new CancellationTokenSource(DefaultTimeout);
        await Stream.WriteAsync(bytes, cts.Token);
        await Stream.FlushAsync(cts.Token);
    }

    public async Task<RawReply> CommandAsync(string line)
    {
        await WriteAsync(line + "\r\n");
        return await ReadReplyAsync();
    }

    public async Task<RawReply> ReadReplyAsync()
    {
        var lines = new List<string>();
        while (true)
        {
            var line = await ReadLineAsync() ?? throw new IOException($"Connection closed after {lines.Count} reply lines.");
            if (line.Length < 3 || !int.TryParse(line.AsSpan(0, 3), out var code))
            {
                throw new InvalidDataException($"Not a reply line: '{line}'");
            }

            lines.Add(line.Length > 4 ? line[4..] : string.Empty);
            if (line.Length == 3 || line[3] == ' ')
            {
                return new RawReply(code, lines);
            }
        }
    }

    public async Task<IReadOnlyList<RawReply>> ReadRepliesAsync(int count)
    {
        var replies = new List<RawReply>(count);
        for (var i = 0; i < count; i++)
        {
            replies.Add(await ReadReplyAsync());
        }

        return replies;
    }

    /// <summary>True when the server closes the connection (after any pending bytes) within the timeout.</summary>
    public async Task<bool> WaitForCloseAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            while (true)
            {
                _start = _end = 0;
                var read = await Stream.ReadAsync(_buffer, cts.Token);
                if (read == 0)
                {
                    return true;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    public async Task<string?> ReadLineAsync()
    {
        using var cts = new CancellationTokenSource(DefaultTimeout);
        while (true)
        {
            var lf = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (lf >= 0)
            {
                var end = lf > _start && _buffer[lf - 1] == '\r' ? lf - 1 : lf;
                var line = Encoding.UTF8.GetString(_buffer, _start, end - _start);
                _start = lf + 1;
                return line;
            }

            if (_start > 0)
            {
                Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            var read = await Stream.ReadAsync(_buffer.AsMemory(_end), cts.Token);
            if (read == 0)
            {
                return null;
            }

            _end += read;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Stream.DisposeAsync();
        _socket.Dispose();
    }
}
