namespace TldOps.Core.ContactDirectory;

/// <summary>The contact repository at one moment: member ccTLDs by ICANN region, then by ccTLD.</summary>
public sealed record ContactRepositorySnapshot(DateTimeOffset GeneratedAt, IReadOnlyList<RepositoryCcTld> CcTlds)
{
    /// <summary>How many people it lists.</summary>
    public int PeopleCount => CcTlds.Sum(t => t.Contacts.Count);
}
