namespace TldOps.Core.Membership.Joining;

/// <summary>A decision read from a reply mail, with what identifies its author.</summary>
/// <param name="TokenId">The request's tag ("TLD-OPS #TOKENID").</param>
/// <param name="Decision">The keyword found on the first line.</param>
/// <param name="From">The From address.</param>
/// <param name="Copied">The To and Cc addresses.</param>
/// <param name="MessageId">The reply's Message-ID.</param>
/// <param name="AuthenticatedDomain">The DKIM-aligned From domain, or null.</param>
public sealed record ReplyDecision(string TokenId, JoinDecision Decision, string From, IReadOnlyList<string> Copied, string? MessageId, string? AuthenticatedDomain);
