namespace TldOps.Core.Registry.Iana;

/// <summary>
/// One TLD's delegation as IANA publishes it in the root zone database: the manager (the
/// sponsoring organisation), its administrative and technical contacts, name servers, DS
/// records, whois server, status and dates. Empty values are null, lists are never null.
/// </summary>
/// <param name="Tld">The A-label without the dot, lower case: "de", "xn--p1ai".</param>
/// <param name="ULabel">The Unicode form: "de", "рф".</param>
/// <param name="ManagerOrganisation">The TLD manager ("organisation:" at the top of the record).</param>
/// <param name="ManagerAddress">The manager's postal address, one line per element.</param>
/// <param name="Contacts">The administrative contact (at most one) and the technical contacts, in the record's order.</param>
/// <param name="NameServers">The name servers in the record's order.</param>
/// <param name="DsRecords">The DS records in the record's order (none for an unsigned TLD).</param>
/// <param name="WhoisServer">The TLD's own whois server, if any.</param>
/// <param name="Status">"ACTIVE" in the current layout; null where the source has no status.</param>
/// <param name="Remarks">The remarks lines joined by spaces ("Registration information: https://…").</param>
/// <param name="RegistrationUrl">The registration information URL found in the remarks (or the legacy "URL for registration services").</param>
/// <param name="Created">The delegation's creation date.</param>
/// <param name="Changed">The date IANA last changed the record.</param>
/// <param name="Source">The source line ("IANA"), null where the layout has none.</param>
/// <param name="Format">The layout or protocol the record came from.</param>
public sealed record Delegation(
    string Tld,
    string ULabel,
    string? ManagerOrganisation,
    IReadOnlyList<string> ManagerAddress,
    IReadOnlyList<DelegationContact> Contacts,
    IReadOnlyList<DelegationNameServer> NameServers,
    IReadOnlyList<DsRecord> DsRecords,
    string? WhoisServer,
    string? Status,
    string? Remarks,
    string? RegistrationUrl,
    DateOnly? Created,
    DateOnly? Changed,
    string? Source,
    DelegationFormat Format)
{
    /// <summary>The administrative contact, or null when the record has none.</summary>
    public DelegationContact? AdministrativeContact => Contacts.FirstOrDefault(c => c.Role == ContactRole.Administrative);

    /// <summary>The technical contacts (usually one).</summary>
    public IEnumerable<DelegationContact> TechnicalContacts => Contacts.Where(c => c.Role == ContactRole.Technical);

    /// <summary>How people write it: ".de", ".рф".</summary>
    public string Display => "." + ULabel;
}
