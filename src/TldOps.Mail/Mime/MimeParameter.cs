namespace TldOps.Mail.Mime;

/// <summary>
/// One parameter of a Content-Type or Content-Disposition field, after RFC 2231 continuations
/// were joined and the value decoded.
/// </summary>
/// <param name="Name">The parameter name (compare it case-insensitively).</param>
/// <param name="Value">The decoded value.</param>
public sealed record MimeParameter(string Name, string Value)
{
    /// <summary>The charset an RFC 2231 extended value declared, or null.</summary>
    public string? Charset { get; init; }

    /// <summary>The language an RFC 2231 extended value declared, or null.</summary>
    public string? Language { get; init; }
}
