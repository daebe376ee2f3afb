namespace TldOps.Core.Registry.Iana;

/// <summary>Why a query to a live source failed.</summary>
public enum DelegationQueryFailure
{
    /// <summary>The server could not be reached (refused, unreachable, name not resolved). Transient.</summary>
    ConnectFailed,

    /// <summary>Connecting or reading took longer than the configured timeout. Transient.</summary>
    Timeout,

    /// <summary>The connection broke, or closed before any answer was sent. Transient.</summary>
    ConnectionClosed,

    /// <summary>The answer was larger than the configured cap. Not transient: asking again gets the same.</summary>
    ResponseTooLarge,

    /// <summary>The server answered with an error status (RDAP 5xx or 429). Transient.</summary>
    ServerError,

    /// <summary>The server refused the request (RDAP 4xx other than 404 and 429). Not transient.</summary>
    Refused,
}
