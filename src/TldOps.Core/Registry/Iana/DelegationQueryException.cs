namespace TldOps.Core.Registry.Iana;

/// <summary>
/// A live query failed for a reason of transport, not content (malformed answers throw a
/// <see cref="FormatException"/>). <see cref="IsTransient"/> says whether asking again may help;
/// the clients retry transient failures themselves before throwing.
/// </summary>
public sealed class DelegationQueryException : Exception
{
    public DelegationQueryException()
        : this(DelegationQueryFailure.ConnectionClosed, "The query failed.")
    {
    }

    public DelegationQueryException(string message)
        : this(DelegationQueryFailure.ConnectionClosed, message)
    {
    }

    public DelegationQueryException(string message, Exception innerException)
        : this(DelegationQueryFailure.ConnectionClosed, message, innerException)
    {
    }

    /// <summary>A failure of the given kind; <paramref name="message"/> names the server and what happened.</summary>
    public DelegationQueryException(DelegationQueryFailure failure, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
    }

    /// <summary>What failed.</summary>
    public DelegationQueryFailure Failure { get; }

    /// <summary>How long the server asked to wait before asking again (HTTP Retry-After), if it said.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>True when the same query may succeed later.</summary>
    public bool IsTransient => Failure is not (DelegationQueryFailure.ResponseTooLarge or DelegationQueryFailure.Refused);
}
