using System.Text.Encodings.Web;
using System.Text.Json;
using Dapper;
using TldOps.Core.Storage;

namespace TldOps.Core.Registry.Iana;

public sealed partial class DelegationStore
{
    // Serialises IANA imports across nodes on PostgreSQL ("IANA" in ASCII); SQLite's write lock does it there.
    private const long ImportLockKey = 0x49414E41;

    // Event details are data for other services and people reading the table, never HTML:
    // "+49 69…" stays readable instead of "\u002B49 69…".
    private static readonly JsonSerializerOptions DetailJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

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
            var writer = new BatchWriter(importId, now, stored.Keys);
            foreach (var answer in answers)
            {
                var previous = stored.GetValueOrDefault(answer.Tld);
                var outcome = answer.Delegation is { } delegation
                    ? ApplyFound(writer, previous, delegation)
                    : ApplyNotFound(writer, previous, answer.Tld);
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

            await writer.FlushAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            return outcomes;
        }, cancellationToken);
    }

    private static DelegationOutcome ApplyFound(BatchWriter writer, StoredDelegation? previous, Delegation delegation)
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

        writer.WriteDelegation(delegation);
        writer.WriteChanges(delegation.Tld, changes);
        var adminChanged = previous is not null && AdminContactDiffers(previous.Delegation.AdministrativeContact, delegation.AdministrativeContact);
        if (adminChanged)
        {
            writer.WriteEvent(delegation.Tld, RegistryEventKinds.AdminContactChanged, JsonSerializer.Serialize(new
            {
                old = Identity(previous!.Delegation.AdministrativeContact),
                @new = Identity(delegation.AdministrativeContact),
                fields = changes.Where(c => c.Field.StartsWith("admin.", StringComparison.Ordinal)).Select(c => c.Field).ToList(),
            }, DetailJson));
        }

        var kind = previous is null ? DelegationOutcomeKind.Added : DelegationOutcomeKind.Changed;
        return new DelegationOutcome(delegation.Tld, kind, changes, adminChanged);
    }

    private static DelegationOutcome ApplyNotFound(BatchWriter writer, StoredDelegation? previous, string tld)
    {
        if (previous is not { Delegated: true })
        {
            return new DelegationOutcome(tld, DelegationOutcomeKind.NotFound, [], false);
        }

        FieldChange[] changes = [new FieldChange(DelegationFields.Delegated, "yes", "no")];
        writer.MarkRemoved(tld);
        writer.WriteChanges(tld, changes);
        writer.WriteEvent(tld, RegistryEventKinds.DelegationRemoved, JsonSerializer.Serialize(new
        {
            manager = previous.Delegation.ManagerOrganisation,
            admin = Identity(previous.Delegation.AdministrativeContact),
        }, DetailJson));
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
}
