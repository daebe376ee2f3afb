namespace TldOps.Core.Audit;

/// <summary>A stored audit row.</summary>
public sealed class AuditRecord
{
    public long Id { get; init; }

    public DateTimeOffset At { get; init; }

    public string Actor { get; init; } = string.Empty;

    public string Action { get; init; } = string.Empty;

    public string? CcTld { get; init; }

    public string? Subject { get; init; }

    public string? Authority { get; init; }

    public string Detail { get; init; } = "{}";
}
