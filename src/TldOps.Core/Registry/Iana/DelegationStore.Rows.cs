using System.Globalization;
using System.Net;

namespace TldOps.Core.Registry.Iana;

// Dapper rows are classes with settable properties: constructor mapping would demand exact
// column types, and SQLite returns INTEGER where PostgreSQL returns BOOLEAN or BIGINT.
public sealed partial class DelegationStore
{
    private static string? JoinLines(IReadOnlyList<string> lines) => lines.Count == 0 ? null : string.Join('\n', lines);

    private static string[] SplitLines(string? text) => text is null ? [] : text.Split('\n');

    private static string? DateText(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly? ParseDate(string? text) =>
        text is null ? null : DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string FormatCode(DelegationFormat format) => format switch
    {
        DelegationFormat.Whois => "whois",
        DelegationFormat.WhoisLegacy => "whois-legacy",
        _ => "rdap",
    };

    private sealed class DelegationRow
    {
        public string Tld { get; init; } = string.Empty;

        public string ULabel { get; init; } = string.Empty;

        public string? ManagerOrganisation { get; init; }

        public string? ManagerAddress { get; init; }

        public string? WhoisServer { get; init; }

        public string? Status { get; init; }

        public string? Remarks { get; init; }

        public string? RegistrationUrl { get; init; }

        public string? Created { get; init; }

        public string? Changed { get; init; }

        public string? Source { get; init; }

        public string Format { get; init; } = string.Empty;

        public bool Delegated { get; init; }

        public long ImportId { get; init; }

        public DateTimeOffset UpdatedAt { get; init; }

        public StoredDelegation ToStored(IEnumerable<ContactRow> contacts, IEnumerable<NameServerRow> servers, IEnumerable<DsRow> ds)
        {
            var delegation = new Delegation(
                Tld,
                ULabel,
                ManagerOrganisation,
                SplitLines(ManagerAddress),
                contacts.OrderBy(c => c.Role == "administrative" ? 0 : 1).ThenBy(c => c.Position).Select(c => c.ToContact()).ToList(),
                servers.OrderBy(s => s.Position).Select(s => s.ToNameServer()).ToList(),
                ds.OrderBy(d => d.Position).Select(d => new DsRecord((ushort)d.KeyTag, (byte)d.Algorithm, (byte)d.DigestType, d.Digest)).ToList(),
                WhoisServer,
                Status,
                Remarks,
                RegistrationUrl,
                ParseDate(Created),
                ParseDate(Changed),
                Source,
                Format switch
                {
                    "whois" => DelegationFormat.Whois,
                    "whois-legacy" => DelegationFormat.WhoisLegacy,
                    _ => DelegationFormat.Rdap,
                });
            return new StoredDelegation(delegation, Delegated, ImportId, UpdatedAt);
        }
    }

    private sealed class ContactRow
    {
        public string Tld { get; init; } = string.Empty;

        public string Role { get; init; } = string.Empty;

        public int Position { get; init; }

        public string? Name { get; init; }

        public string? Organisation { get; init; }

        public string? Address { get; init; }

        public string? Phone { get; init; }

        public string? Fax { get; init; }

        public string? Email { get; init; }

        public DelegationContact ToContact() => new(
            Role == "administrative" ? ContactRole.Administrative : ContactRole.Technical,
            Name, Organisation, SplitLines(Address), Phone, Fax, Email);
    }

    private sealed class NameServerRow
    {
        public string Tld { get; init; } = string.Empty;

        public int Position { get; init; }

        public string HostName { get; init; } = string.Empty;

        public string Addresses { get; init; } = string.Empty;

        public DelegationNameServer ToNameServer() => new(
            HostName,
            Addresses.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(IPAddress.Parse).ToList());
    }

    private sealed class DsRow
    {
        public string Tld { get; init; } = string.Empty;

        public int Position { get; init; }

        public int KeyTag { get; init; }

        public int Algorithm { get; init; }

        public int DigestType { get; init; }

        public string Digest { get; init; } = string.Empty;
    }

    private sealed class ChangeRow
    {
        public long Id { get; init; }

        public long ImportId { get; init; }

        public string Tld { get; init; } = string.Empty;

        public string Field { get; init; } = string.Empty;

        public string? OldValue { get; init; }

        public string? NewValue { get; init; }
    }

    private sealed class EventRow
    {
        public long Id { get; init; }

        public string Tld { get; init; } = string.Empty;

        public string Kind { get; init; } = string.Empty;

        public string Detail { get; init; } = string.Empty;

        public long? ImportId { get; init; }

        public DateTimeOffset DetectedAt { get; init; }

        public DateTimeOffset? HandledAt { get; init; }

        public RegistryEvent ToEvent() => new(Id, Tld, Kind, Detail, ImportId, DetectedAt, HandledAt);
    }

    private sealed class ImportRow
    {
        public long Id { get; init; }

        public string Source { get; init; } = string.Empty;

        public DateTimeOffset StartedAt { get; init; }

        public DateTimeOffset? FinishedAt { get; init; }

        public int Answers { get; init; }

        public int Added { get; init; }

        public int Changed { get; init; }

        public int Unchanged { get; init; }

        public int Removed { get; init; }

        public int NotFound { get; init; }

        public int Stale { get; init; }

        public int Errors { get; init; }

        public IanaImportRun ToRun() =>
            new(Id, Source, StartedAt, FinishedAt, new IanaImportCounts(Answers, Added, Changed, Unchanged, Removed, NotFound, Stale, Errors));
    }
}
