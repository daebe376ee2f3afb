namespace TldOps.Core.Lists.Bans;

/// <summary>A row of <c>list_ban</c>.</summary>
public sealed class Ban
{
    public long Id { get; init; }

    /// <summary>'someone@example.org', or '@example.org' for a whole domain (lower case).</summary>
    public string Pattern { get; init; } = string.Empty;

    public string? Reason { get; init; }

    public string CreatedBy { get; init; } = string.Empty;

    public DateTimeOffset CreatedAt { get; init; }
}
