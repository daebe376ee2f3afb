namespace TldOps.Core.Security;

/// <summary>The result of checking or using a token: its status and, when genuine, what it is about.</summary>
public sealed record TokenCheck(TokenStatus Status, string? Id = null, string? Subject = null, DateTimeOffset? ExpiresAt = null)
{
    public bool IsValid => Status == TokenStatus.Valid;
}
