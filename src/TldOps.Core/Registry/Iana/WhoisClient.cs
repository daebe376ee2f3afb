using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace TldOps.Core.Registry.Iana;

/// <summary>
/// Asks a whois server (RFC 3912: send the query and CRLF over TCP port 43, read until the server
/// closes) for a TLD and parses the answer with <see cref="WhoisRecordParser"/>. Polite: query
/// starts are spaced by <see cref="LiveSourceOptions{TSelf}.MinimumInterval"/>, transient failures
/// (refused or dropped connections, timeouts) are retried up to
/// <see cref="LiveSourceOptions{TSelf}.MaxAttempts"/> times with exponential back-off, all on the
/// injected clock. An answer larger than <see cref="LiveSourceOptions{TSelf}.MaxResponseBytes"/> is
/// not read further.
/// </summary>
public sealed class WhoisClient : IDelegationSource, IDisposable
{
    private readonly WhoisClientOptions _options;
    private readonly WhoisRecordParser _parser;
    private readonly QueryPacer _pacer;

    /// <summary>A client with <paramref name="options"/> (copied; default <see cref="WhoisClientOptions.Default"/>) on <paramref name="clock"/> (default the system clock).</summary>
    public WhoisClient(WhoisClientOptions? options = null, TimeProvider? clock = null)
    {
        _options = options?.Clone() ?? WhoisClientOptions.Default;
        _options.Freeze();
        _parser = new WhoisRecordParser(_options.Parser);
        _pacer = new QueryPacer(clock ?? TimeProvider.System, _options.MinimumInterval);
    }

    /// <inheritdoc/>
    public string Description => string.Create(CultureInfo.InvariantCulture, $"whois:{_options.Host}:{_options.Port}");

    /// <inheritdoc/>
    /// <exception cref="DelegationQueryException">Every attempt failed, or the answer was over the cap.</exception>
    /// <exception cref="WhoisFormatException">The answer is not a well-formed record for <paramref name="tld"/>.</exception>
    public async Task<DelegationAnswer> QueryAsync(string tld, CancellationToken cancellationToken = default)
    {
        var query = CcTldCatalog.Normalise(tld);
        if (query is null || !WhoisValues.IsTldLabel(query))
        {
            throw new ArgumentException($"'{tld}' is not a TLD.", nameof(tld));
        }

        var answer = await QueryRawAsync(query, cancellationToken).ConfigureAwait(false);
        return _parser.Parse(answer, query);
    }

    /// <summary>Sends <paramref name="query"/> and returns the raw answer, with pacing and retries.</summary>
    internal async Task<byte[]> QueryRawAsync(string query, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await _pacer.WaitTurnAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await QueryOnceAsync(query, cancellationToken).ConfigureAwait(false);
            }
            catch (DelegationQueryException error) when (error.IsTransient && attempt < _options.MaxAttempts)
            {
                await _pacer.BackOffAsync(_options.BackOff(attempt, error.RetryAfter), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<byte[]> QueryOnceAsync(string query, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        var (connectDeadline, connectToken) = _pacer.Deadline(_options.ConnectTimeout, cancellationToken);
        using (connectDeadline)
        using (connectToken)
        {
            try
            {
                await client.ConnectAsync(_options.Host, _options.Port, connectToken.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (connectDeadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw Failure(DelegationQueryFailure.Timeout, $"no connection within {_options.ConnectTimeout.TotalSeconds:0.###} s");
            }
            catch (SocketException error)
            {
                throw Failure(DelegationQueryFailure.ConnectFailed, error.Message, error);
            }
        }

        var (readDeadline, readToken) = _pacer.Deadline(_options.ReadTimeout, cancellationToken);
        using (readDeadline)
        using (readToken)
        {
            try
            {
                var stream = client.GetStream();
                await stream.WriteAsync(Encoding.ASCII.GetBytes(query + "\r\n"), readToken.Token).ConfigureAwait(false);
                return await ReadAnswerAsync(stream, readToken.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (readDeadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw Failure(DelegationQueryFailure.Timeout, $"no complete answer within {_options.ReadTimeout.TotalSeconds:0.###} s");
            }
            catch (IOException error)
            {
                throw Failure(DelegationQueryFailure.ConnectionClosed, "the connection broke: " + error.Message, error);
            }
            catch (SocketException error)
            {
                throw Failure(DelegationQueryFailure.ConnectionClosed, "the connection broke: " + error.Message, error);
            }
        }
    }

    private async Task<byte[]> ReadAnswerAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        // One byte over the cap tells "exactly at the cap" from "over it".
        var buffer = new byte[Math.Min(_options.MaxResponseBytes + 1, 16 * 1024)];
        using var answer = new MemoryStream();
        while (true)
        {
            var read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            answer.Write(buffer, 0, read);
            if (answer.Length > _options.MaxResponseBytes)
            {
                throw Failure(DelegationQueryFailure.ResponseTooLarge, $"the answer is larger than {_options.MaxResponseBytes} bytes");
            }
        }

        if (answer.Length == 0)
        {
            throw Failure(DelegationQueryFailure.ConnectionClosed, "the server closed the connection without answering");
        }

        // Every whois answer ends with a line ending; without one the connection dropped mid-answer
        // (a reset may surface as a plain end of stream), which is worth another attempt.
        var bytes = answer.ToArray();
        return bytes[^1] == (byte)'\n'
            ? bytes
            : throw Failure(DelegationQueryFailure.ConnectionClosed, "the connection dropped in the middle of the answer");
    }

    private DelegationQueryException Failure(DelegationQueryFailure failure, string message, Exception? inner = null) =>
        new(failure, $"{Description}: {message}", inner);

    /// <summary>Releases the pacing gate.</summary>
    public void Dispose() => _pacer.Dispose();
}
