namespace TldOps.Core.Security;

/// <summary>A freshly issued action token: <see cref="Token"/> goes into the link, once; it is not stored.</summary>
public sealed record IssuedToken(string Id, string Token, DateTimeOffset ExpiresAt);
