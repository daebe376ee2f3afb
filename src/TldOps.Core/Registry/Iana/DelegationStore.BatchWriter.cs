using System.Data.Common;
using Dapper;

namespace TldOps.Core.Registry.Iana;

public sealed partial class DelegationStore
{
    /// <summary>
    /// Collects what one apply transaction writes and writes it at the end, one statement per
    /// table executed over all its rows: Dapper then reuses one prepared command per table, which
    /// keeps a whole-corpus import (~600 delegations, ~15,000 change rows) well under a second.
    /// A TLD written twice in a batch (a folder of snapshots) keeps its last record; all its
    /// change rows and events stay.
    /// </summary>
    private sealed class BatchWriter(long importId, DateTimeOffset now, IEnumerable<string> storedTlds)
    {
        private readonly HashSet<string> _stored = new(storedTlds, StringComparer.Ordinal);
        private readonly Dictionary<string, Delegation> _delegations = new(StringComparer.Ordinal);
        private readonly List<string> _removed = [];
        private readonly List<(string Tld, FieldChange Change)> _changes = [];
        private readonly List<(string Tld, string Kind, string Detail)> _events = [];

        public void WriteDelegation(Delegation delegation)
        {
            _delegations[delegation.Tld] = delegation;
            _removed.Remove(delegation.Tld);
        }

        /// <summary>Marks a TLD not delegated; applied after the batch's inserts, so it also covers a record written earlier in the batch.</summary>
        public void MarkRemoved(string tld)
        {
            if (!_removed.Contains(tld))
            {
                _removed.Add(tld);
            }
        }

        public void WriteChanges(string tld, IEnumerable<FieldChange> changes) => _changes.AddRange(changes.Select(c => (tld, c)));

        public void WriteEvent(string tld, string kind, string detail) => _events.Add((tld, kind, detail));

        public async Task FlushAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
        {
            Task ExecuteAsync(string sql, object rows) =>
                connection.ExecuteAsync(new CommandDefinition(sql, rows, transaction, cancellationToken: cancellationToken));

            var replaced = _delegations.Keys.Where(_stored.Contains).Select(tld => new { tld }).ToList();
            await ExecuteAsync("DELETE FROM delegation_contact WHERE tld = @tld", replaced).ConfigureAwait(false);
            await ExecuteAsync("DELETE FROM delegation_name_server WHERE tld = @tld", replaced).ConfigureAwait(false);
            await ExecuteAsync("DELETE FROM delegation_ds WHERE tld = @tld", replaced).ConfigureAwait(false);

            var all = _delegations.Values.ToList();
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
                    import_id = excluded.import_id, updated_at = excluded.updated_at
                """,
                all.Select(d => new
                {
                    d.Tld, d.ULabel, d.ManagerOrganisation, ManagerAddress = JoinLines(d.ManagerAddress), d.WhoisServer, d.Status, d.Remarks,
                    d.RegistrationUrl, Created = DateText(d.Created), Changed = DateText(d.Changed), d.Source, Format = FormatCode(d.Format),
                    Delegated = true, ImportId = importId, Now = now,
                }).ToList()).ConfigureAwait(false);
            await ExecuteAsync(
                """
                INSERT INTO delegation_contact (tld, role, position, name, organisation, address, phone, fax, email)
                VALUES (@Tld, @Role, @Position, @Name, @Organisation, @Address, @Phone, @Fax, @Email)
                """,
                all.SelectMany(ContactRows).ToList()).ConfigureAwait(false);
            await ExecuteAsync(
                "INSERT INTO delegation_name_server (tld, position, host_name, addresses) VALUES (@Tld, @Position, @HostName, @Addresses)",
                all.SelectMany(d => d.NameServers.Select((s, i) => new { d.Tld, Position = i, s.HostName, Addresses = string.Join(' ', s.Addresses) })).ToList()).ConfigureAwait(false);
            await ExecuteAsync(
                "INSERT INTO delegation_ds (tld, position, key_tag, algorithm, digest_type, digest) VALUES (@Tld, @Position, @KeyTag, @Algorithm, @DigestType, @Digest)",
                all.SelectMany(d => d.DsRecords.Select((r, i) => new { d.Tld, Position = i, KeyTag = (int)r.KeyTag, Algorithm = (int)r.Algorithm, DigestType = (int)r.DigestType, r.Digest })).ToList()).ConfigureAwait(false);
            await ExecuteAsync(
                "UPDATE delegation SET delegated = @No, import_id = @ImportId, updated_at = @Now WHERE tld = @Tld",
                _removed.Select(tld => new { Tld = tld, No = false, ImportId = importId, Now = now }).ToList()).ConfigureAwait(false);
            await ExecuteAsync(
                "INSERT INTO delegation_change (import_id, tld, field, old_value, new_value) VALUES (@ImportId, @Tld, @Field, @OldValue, @NewValue)",
                _changes.Select(c => new { ImportId = importId, c.Tld, c.Change.Field, c.Change.OldValue, c.Change.NewValue }).ToList()).ConfigureAwait(false);
            await ExecuteAsync(
                "INSERT INTO registry_event (tld, kind, detail, import_id, detected_at) VALUES (@Tld, @Kind, @Detail, @ImportId, @Now)",
                _events.Select(e => new { e.Tld, e.Kind, e.Detail, ImportId = importId, Now = now }).ToList()).ConfigureAwait(false);
        }

        private static IEnumerable<object> ContactRows(Delegation d)
        {
            var technical = 0;
            foreach (var c in d.Contacts)
            {
                var administrative = c.Role == ContactRole.Administrative;
                yield return new
                {
                    d.Tld, Role = administrative ? "administrative" : "technical", Position = administrative ? 0 : technical++,
                    c.Name, c.Organisation, Address = JoinLines(c.Address), c.Phone, c.Fax, c.Email,
                };
            }
        }
    }
}
