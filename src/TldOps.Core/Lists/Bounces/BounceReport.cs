namespace TldOps.Core.Lists.Bounces;

/// <summary>One bounce to record: whose copy (VERP token), what kind, and what the remote side said.</summary>
/// <param name="Token">The VERP token of the return path the bounce came back to.</param>
/// <param name="Kind">What it says about the address.</param>
/// <param name="Source">"dsn" for a report mailed back, "smtp" for a refusal met while delivering.</param>
/// <param name="Status">The RFC 3463 status, when known.</param>
/// <param name="Diagnostic">The remote server's words, when known.</param>
/// <param name="Recipient">The address that failed, when known.</param>
public sealed record BounceReport(string? Token, BounceKind Kind, string Source, string? Status = null, string? Diagnostic = null, string? Recipient = null);
