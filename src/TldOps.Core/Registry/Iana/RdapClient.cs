using System.Net;
using System.Net.Http.Headers;

namespace TldOps.Core.Registry.Iana;

/// <summary>
/// Asks an RDAP service (RFC 9082/9083; IANA's is https://rdap.iana.org/) for a TLD's domain
/// object and maps it to the same <see cref="Delegation"/> as whois. 404 means "no such TLD".
/// Polite like <see cref="WhoisClient"/>: spaced queries, bounded retries of transient failures
/// (network errors, timeouts, 5xx, 429 honouring Retry-After) with back-off, a response cap.
/// The <see cref="HttpClient"/> is the caller's (its own Timeout should be infinite or long:
/// this client applies <see cref="LiveSourceOptions{TSelf}.ReadTimeout"/> itself, on the injected clock).
/// </summary>
public sealed class RdapClient : IDelegationSource, IDisposable
{
    private readonly HttpClient _http;
    private readonly RdapClientOptions _options;
    private readonly QueryPacer _pacer;
    private readonly TimeProvider _clock;

    /// <summary>A client sending through <paramref name="http"/> with <paramref name="options"/> (copied; default <see cref="RdapClientOptions.Default"/>) on <paramref name="clock"/> (default the system clock).</summary>
    public RdapClient(HttpClient http, RdapClientOptions? options = null, TimeProvider? clock = null)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _options = options?.Clone() ?? RdapClientOptions.Default;
        _options.Freeze();
        _clock = clock ?? TimeProvider.System;
        _pacer = new QueryPacer(_clock, _options.MinimumInterval);
    }

    /// <inheritdoc/>
    public string Description => "rdap:" + _options.BaseUri.AbsoluteUri;

    /// <inheritdoc/>
    /// <exception cref="DelegationQueryException">Every attempt failed, the server refused, or the answer was over the cap.</exception>
    /// <exception cref="RdapFormatException">The answer is not an RDAP domain object for <paramref name="tld"/>.</exception>
    public async Task<DelegationAnswer> QueryAsync(string tld, CancellationToken cancellationToken = default)
    {
        var query = CcTldCatalog.Normalise(tld);
        if (query is null || !WhoisValues.IsTldLabel(query))
        {
            throw new ArgumentException($"'{tld}' is not a TLD.", nameof(tld));
        }

        var uri = new Uri(_options.BaseUri, "domain/" + query);
        for (var attempt = 1; ; attempt++)
        {
            await _pacer.WaitTurnAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var body = await QueryOnceAsync(uri, cancellationToken).ConfigureAwait(false);
                if (body is null)
                {
                    return DelegationAnswer.NotFound(query);
                }

                var delegation = RdapDelegationReader.Read(body);
                return delegation.Tld == query
                    ? DelegationAnswer.Found(delegation)
                    : throw new RdapFormatException($"the answer is about '{delegation.Tld}', not the queried '{query}'");
            }
            catch (DelegationQueryException error) when (error.IsTransient && attempt < _options.MaxAttempts)
            {
                await _pacer.BackOffAsync(_options.BackOff(attempt, error.RetryAfter), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The body of a 200 answer, or null for 404.</summary>
    private async Task<byte[]?> QueryOnceAsync(Uri uri, CancellationToken cancellationToken)
    {
        // Connecting and sending fall under the connect timeout; the read timeout covers the whole exchange.
        var total = _options.ReadTimeout == Timeout.InfiniteTimeSpan || _options.ConnectTimeout == Timeout.InfiniteTimeSpan
            ? Timeout.InfiniteTimeSpan
            : _options.ConnectTimeout + _options.ReadTimeout;
        var (deadline, linked) = _pacer.Deadline(total, cancellationToken);
        using (deadline)
        using (linked)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/rdap+json"));
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json", 0.9));
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    return null;
                }

                if (!response.IsSuccessStatusCode)
                {
                    var status = (int)response.StatusCode;
                    var transient = status is 429 or >= 500;
                    throw new DelegationQueryException(
                        transient ? DelegationQueryFailure.ServerError : DelegationQueryFailure.Refused,
                        $"{uri}: HTTP {status} {response.ReasonPhrase}")
                    { RetryAfter = RetryAfter(response) };
                }

                return await ReadBodyAsync(uri, response.Content, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new DelegationQueryException(DelegationQueryFailure.Timeout, $"{uri}: no complete answer within {total.TotalSeconds:0.###} s");
            }
            catch (HttpRequestException error)
            {
                var failure = error.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
                    ? DelegationQueryFailure.ConnectFailed
                    : DelegationQueryFailure.ConnectionClosed;
                throw new DelegationQueryException(failure, $"{uri}: {error.Message}", error);
            }
            catch (IOException error)
            {
                throw new DelegationQueryException(DelegationQueryFailure.ConnectionClosed, $"{uri}: the connection broke: {error.Message}", error);
            }
        }
    }

    private async Task<byte[]> ReadBodyAsync(Uri uri, HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > _options.MaxResponseBytes)
        {
            throw TooLarge(uri);
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new byte[_options.MaxResponseBytes + 1];
        var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        return read > _options.MaxResponseBytes ? throw TooLarge(uri) : buffer[..read];
    }

    private DelegationQueryException TooLarge(Uri uri) =>
        new(DelegationQueryFailure.ResponseTooLarge, $"{uri}: the answer is larger than {_options.MaxResponseBytes} bytes");

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? date - _clock.GetUtcNow() : null;
    }

    /// <summary>Releases the pacing gate (not the HttpClient, which is the caller's).</summary>
    public void Dispose() => _pacer.Dispose();
}
