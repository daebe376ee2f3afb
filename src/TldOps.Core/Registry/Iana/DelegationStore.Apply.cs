using System.Data.Common;
using System.Text.Json;
using Dapper;
using TldOps.Core.Storage;

namespace TldOps.Core.Registry.Iana;

public sealed partial class DelegationStore
{
    // Serialises IANA imports across nodes on PostgreSQL ("IANA" in ASCII); SQLite's write lock does it there.
    private const long ImportLockKey = 0x49414E41;

    /// <summary>
    /// Applies answers in the given order, in one transaction: compares each record with the stored
    /// one field by field, stores it with its change rows, and raises an
    /// <see cref="RegistryEventKinds.AdminContactChanged"/> event when the administrative contact
    /// of an already stored TLD is another person now (a TLD's first import raises none). A record
    /// whose changed date is older than the stored one's is not applied (<see cref="DelegationOutcomeKind.Stale"/>).
    /// A "not found" answer marks a stored TLD not delegated. Any failure rolls the whole batch back.
    /// </summary>
    public Task<IReadOnlyList<DelegationOutcome>> ApplyAsync(long importId, IReadOnlyList<DelegationAnswer> answers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return database.InTransactionAsync<IReadOnlyList<DelegationOutcome>>(async (connection, transaction) =>
        {
            if (database.Dialect == SqlDialect.PostgreSql)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "SELECT pg_advisory_xact_lock(@key)", new { key = ImportLockKey }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            }

            var tlds = answers.Select(a => a.Tld).Distinct(StringComparer.Ordinal).ToList();
            var stored = await LoadAsync(connection, transaction, tlds, cancellationToken).ConfigureAwait(false);
            var now = clock.GetUtcNow();
            var outcomes = new List<DelegationOutcome>(answers.Count);
            var writer = new BatchWriter(connection, transaction, importId, now, cancellationToken);
            foreach (var answer in answers)
            {
                var previous = stored.GetValueOrDefault(answer.Tld);
                var outcome = answer.Delegation is { } delegation
                    ? await ApplyFoundAsync(writer, previous, delegation).ConfigureAwait(false)
                    : await ApplyNotFoundAsync(writer, previous, answer.Tld).ConfigureAwait(false);
                if (outcome.Kind is DelegationOutcomeKind.Added or DelegationOutcomeKind.Changed)
                {
                    stored[answer.Tld] = new StoredDelegation(answer.Delegation!, true, importId, now);
                }
                else if (outcome.Kind == DelegationOutcomeKind.Removed)
                {
                    stored[answer.Tld] = previous! with { Delegated = false, ImportId = importId, UpdatedAt = now };
                }

                outcomes.Add(outcome);
            }

            return outcomes;
        }, cancellationToken);
    }

    private static async Task<DelegationOutcome> ApplyFoundAsync(BatchWriter writer, StoredDelegation? previous, Delegation delegation)
    {
        if (previous is not null && delegation.Changed < previous.Delegation.Changed)
        {
            return new DelegationOutcome(delegation.Tld, DelegationOutcomeKind.Stale, [], false);
        }

        var changes = DelegationFields.Compare(previous?.Delegation, delegation).ToList();
        if (previous is { Delegated: false })
        {
            changes.Insert(0, new FieldChange(DelegationFields.Delegated, "no", "yes"));
        }

        if (changes.Count == 0)
        {
            return new DelegationOutcome(delegation.Tld, DelegationOutcomeKind.Unchanged, [], false);
        }

        await writer.WriteDelegationAsync(delegation).ConfigureAwait(false);
        await writer.WriteChangesAsync(delegation.Tld, changes).ConfigureAwait(false);
        var adminChanged = previous is not null && AdminContactDiffers(previous.Delegation.AdministrativeContact, delegation.AdministrativeContact);
        if (adminChanged)
        {
            await writer.WriteEventAsync(delegation.Tld, RegistryEventKinds.AdminContactChanged, JsonSerializer.Serialize(new
            {
                old = Identity(previous!.Delegation.AdministrativeContact),
                @new = Identity(delegation.AdministrativeContact),
                fields = changes.Where(c => c.Field.StartsWith("admin.", StringComparison.Ordinal)).Select(c => c.Field).ToList(),
            })).ConfigureAwait(false);
        }

        var kind = previous is null ? DelegationOutcomeKind.Added : DelegationOutcomeKind.Changed;
        return new DelegationOutcome(delegation.Tld, kind, changes, adminChanged);
    }

    private static async Task<DelegationOutcome> ApplyNotFoundAsync(BatchWriter writer, StoredDelegation? previous, string tld)
    {
        if (previous is not { Delegated: true })
        {
            return new DelegationOutcome(tld, DelegationOutcomeKind.NotFound, [], false);
        }

        FieldChange[] changes = [new FieldChange(DelegationFields.Delegated, "yes", "no")];
        await writer.MarkRemovedAsync(tld).ConfigureAwait(false);
        await writer.WriteChangesAsync(tld, changes).ConfigureAwait(false);
        await writer.WriteEventAsync(tld, RegistryEventKinds.DelegationRemoved, JsonSerializer.Serialize(new
        {
            manager = previous.Delegation.ManagerOrganisation,
            admin = Identity(previous.Delegation.AdministrativeContact),
        })).ConfigureAwait(false);
        return new DelegationOutcome(tld, DelegationOutcomeKind.Removed, changes, false);
    }

    private static bool AdminContactDiffers(DelegationContact? before, DelegationContact? after) =>
        (before, after) switch
        {
            (null, null) => false,
            (null, _) or (_, null) => true,
            _ => after.IsDifferentPersonFrom(before),
        };

    private static object? Identity(DelegationContact? contact) =>
        contact is null ? null : new { name = contact.Name, organisation = contact.Organisation, email = contact.Email, phone = contact.Phone };

    /// <summary>The statements of one apply transaction.</summary>
    private sealed class BatchWriter(DbConnection connection, DbTransaction transaction, long importId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        public async Task WriteDelegationAsync(Delegation d)
        {
            await ExecuteAsync(
                """
                INSERT INTO delegation (tld, u_label, manager_organisation, manager_address, whois_server, status, remarks,
                    registration_url, created, changed, source, format, delegated, import_id, updated_at)
                VALUES (@Tld, @ULabel, @ManagerOrganisation, @ManagerAddress, @WhoisServer, @Status, @Remarks,
                    @RegistrationUrl, @Created, @Changed, @Source, @Format, @Delegated, @ImportId, @Now)
                ON CONFLICT (tld) DO UPDATE SET u_label = excluded.u_label, manager_organisation = excluded.manager_organisation,
                    manager_address = excluded.manager_address, whois_server = excluded.whois_server, status = excluded.status,
                    remarks = excluded.remarks, registration_url = excluded.registration_url, created = excluded.created,
                    changed = excluded.changed, source = excluded.source, format = excluded.format, delegated = excluded.delegated,
                    import_id = excluded.import_id, updated_at = excluded.updated_at;
                DELETE FROM delegation_contact WHERE tld = @Tld;
                DELETE FROM delegation_name_server WHERE tld = @Tld;
                DELETE FROM delegation_ds WHERE tld = @Tld;
                """,
                new
                {
                    d.Tld, d.ULabel, d.ManagerOrganisation, ManagerAddress = JoinLines(d.ManagerAddress), d.WhoisServer, d.Status, d.Remarks,
                    d.RegistrationUrl, Created = DateText(d.Created), Changed = DateText(d.Changed), d.Source, Format = FormatCode(d.Format),
                    Delegated = true, ImportId = importId, Now = now,
                }).ConfigureAwait(false);
            var technical = 0;
            await ExecuteAsync(
                """
                INSERT INTO delegation_contact (tld, role, position, name, organisation, address, phone, fax, email)
                VALUES (@Tld, @Role, @Position, @Name, @Organisation, @Address, @Phone, @Fax, @Email)
                """,
                d.Contacts.Select(c => new
                {
                    d.Tld, Role = c.Role == ContactRole.Administrative ? "administrative" : "technical",
                    Position = c.Role == ContactRole.Administrative ? 0 : technical++,
                    c.Name, c.Organisation, Address = JoinLines(c.Address), c.Phone, c.Fax, c.Email,
                }).ToList()).ConfigureAwait(false);
            await ExecuteAsync(
                "INSERT INTO delegation_name_server (tld, position, host_name, addresses) VALUES (@Tld, @Position, @HostName, @Addresses)",
                d.NameServers.Select((s, i) => new { d.Tld, Position = i, s.HostName, Addresses = string.Join(' ', s.Addresses) }).ToList()).ConfigureAwait(false);
            await ExecuteAsync(
                "INSERT INTO delegation_ds (tld, position, key_tag, algorithm, digest_type, digest) VALUES (@Tld, @Position, @KeyTag, @Algorithm, @DigestType, @Digest)",
                d.DsRecords.Select((r, i) => new { d.Tld, Position = i, KeyTag = (int)r.KeyTag, Algorithm = (int)r.Algorithm, DigestType = (int)r.DigestType, r.Digest }).ToList()).ConfigureAwait(false);
        }

        public Task MarkRemovedAsync(string tld) => ExecuteAsync(
            "UPDATE delegation SET delegated = @no, import_id = @importId, updated_at = @now WHERE tld = @tld",
            new { tld, no = false, importId, now });

        public Task WriteChangesAsync(string tld, IEnumerable<FieldChange> changes) => ExecuteAsync(
            "INSERT INTO delegation_change (import_id, tld, field, old_value, new_value) VALUES (@importId, @tld, @Field, @OldValue, @NewValue)",
            changes.Select(c => new { importId, tld, c.Field, c.OldValue, c.NewValue }).ToList());

        public Task WriteEventAsync(string tld, string kind, string detail) => ExecuteAsync(
            "INSERT INTO registry_event (tld, kind, detail, import_id, detected_at) VALUES (@tld, @kind, @detail, @importId, @now)",
            new { tld, kind, detail, importId, now });

        private Task ExecuteAsync(string sql, object parameters) =>
            connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));
    }
}
