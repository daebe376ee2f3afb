namespace TldOps.Core.Registry.Iana;

/// <summary>What an import did: one outcome per applied answer, the errors, and the files it passed over.</summary>
public sealed record IanaImportReport(long ImportId, string Source, IReadOnlyList<DelegationOutcome> Outcomes, IReadOnlyList<IanaImportError> Errors, int SkippedFiles)
{
    /// <summary>The counts stored with the import run.</summary>
    public IanaImportCounts Counts => new(
        Outcomes.Count + Errors.Count,
        Count(DelegationOutcomeKind.Added),
        Count(DelegationOutcomeKind.Changed),
        Count(DelegationOutcomeKind.Unchanged),
        Count(DelegationOutcomeKind.Removed),
        Count(DelegationOutcomeKind.NotFound),
        Count(DelegationOutcomeKind.Stale),
        Errors.Count);

    /// <summary>The TLDs whose record changed (or that left the root zone), with their changes.</summary>
    public IEnumerable<DelegationOutcome> Changed =>
        Outcomes.Where(o => o.Kind is DelegationOutcomeKind.Changed or DelegationOutcomeKind.Removed);

    /// <summary>The TLDs whose administrative contact is another person now.</summary>
    public IEnumerable<string> AdminContactChanges => Outcomes.Where(o => o.AdminContactChanged).Select(o => o.Tld).Distinct(StringComparer.Ordinal);

    private int Count(DelegationOutcomeKind kind) => Outcomes.Count(o => o.Kind == kind);
}
