using System.Data.Common;
using Dapper;
using TldOps.Core.Common;
using TldOps.Core.Storage;

namespace TldOps.Core.Registry.Iana;

/// <summary>
/// The IANA tables: each TLD's current delegation (contacts, name servers and DS records in their
/// own tables so that they can be queried), the field-by-field change log, import runs, and
/// registry events. <see cref="ApplyAsync"/> writes a batch of answers in one transaction:
/// either every record of the batch is stored with its changes and events, or none is.
/// </summary>
public sealed partial class DelegationStore(Database database, TimeProvider clock)
{
    /// <summary>Records the start of an import and returns its id.</summary>
    public async Task<long> BeginImportAsync(string source, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO iana_import (source, started_at) VALUES (@source, @now) RETURNING id",
            new { source, now = clock.GetUtcNow() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Records the end of an import with its counts.</summary>
    public async Task FinishImportAsync(long importId, IanaImportCounts counts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(counts);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE iana_import SET finished_at = @now, answers = @Answers, added = @Added, changed = @Changed,
                unchanged = @Unchanged, removed = @Removed, not_found = @NotFound, stale = @Stale, errors = @Errors
            WHERE id = @importId
            """,
            new { importId, now = clock.GetUtcNow(), counts.Answers, counts.Added, counts.Changed, counts.Unchanged, counts.Removed, counts.NotFound, counts.Stale, counts.Errors },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>An import run, or null.</summary>
    public async Task<IanaImportRun?> GetImportAsync(long importId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<ImportRow>(new CommandDefinition(
            """
            SELECT id, source, started_at AS StartedAt, finished_at AS FinishedAt, answers, added, changed, unchanged,
                removed, not_found AS NotFound, stale, errors
            FROM iana_import WHERE id = @importId
            """, new { importId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToRun();
    }

    /// <summary>The stored delegation of a TLD ("de", ".DE", "рф" or "xn--p1ai"), or null.</summary>
    public async Task<StoredDelegation?> GetAsync(string tld, CancellationToken cancellationToken = default)
    {
        var key = CcTldCatalog.Normalise(tld);
        if (key is null)
        {
            return null;
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var found = await LoadAsync(connection, null, [key], cancellationToken).ConfigureAwait(false);
        return found.GetValueOrDefault(key);
    }

    /// <summary>Every stored delegation, by TLD.</summary>
    public async Task<IReadOnlyList<StoredDelegation>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var all = await LoadAsync(connection, null, null, cancellationToken).ConfigureAwait(false);
        return all.Values.OrderBy(d => d.Delegation.Tld, StringComparer.Ordinal).ToList();
    }

    /// <summary>The change log, oldest first, optionally for one TLD and/or one import.</summary>
    public async Task<IReadOnlyList<DelegationChange>> ListChangesAsync(string? tld = null, long? importId = null, CancellationToken cancellationToken = default)
    {
        var key = tld is null ? null : CcTldCatalog.Normalise(tld) ?? tld;
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<ChangeRow>(new CommandDefinition(
            """
            SELECT id, import_id AS ImportId, tld, field, old_value AS OldValue, new_value AS NewValue
            FROM delegation_change
            WHERE (@tld IS NULL OR tld = @tld) AND (@importId IS NULL OR import_id = @importId)
            ORDER BY id
            """, new { tld = key, importId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new DelegationChange(r.Id, r.ImportId, r.Tld, r.Field, r.OldValue, r.NewValue)).ToList();
    }

    /// <summary>Registry events, oldest first; with <paramref name="unhandledOnly"/> only those no consumer has marked handled.</summary>
    public async Task<IReadOnlyList<RegistryEvent>> ListEventsAsync(bool unhandledOnly, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<EventRow>(new CommandDefinition(
            $"""
            SELECT id, tld, kind, detail, import_id AS ImportId, detected_at AS DetectedAt, handled_at AS HandledAt
            FROM registry_event {(unhandledOnly ? "WHERE handled_at IS NULL" : string.Empty)}
            ORDER BY id
            """, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToEvent()).ToList();
    }

    /// <summary>Marks an event handled. NotFound for an unknown id, Conflict when it was already handled.</summary>
    public async Task<Result<RegistryEvent>> MarkHandledAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<EventRow>(new CommandDefinition(
            """
            UPDATE registry_event SET handled_at = @now WHERE id = @id AND handled_at IS NULL
            RETURNING id, tld, kind, detail, import_id AS ImportId, detected_at AS DetectedAt, handled_at AS HandledAt
            """, new { id, now = clock.GetUtcNow() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (row is not null)
        {
            return row.ToEvent();
        }

        var exists = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM registry_event WHERE id = @id", new { id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return exists == 0
            ? new NotFound($"There is no registry event {id}.")
            : new Conflict($"Registry event {id} was already handled.");
    }

    /// <summary>Loads stored delegations with their contacts, name servers and DS records; all of them when <paramref name="tlds"/> is null.</summary>
    private async Task<Dictionary<string, StoredDelegation>> LoadAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<string>? tlds, CancellationToken cancellationToken)
    {
        // Dapper expands "IN @list" for SQLite; Npgsql takes the list as one array parameter.
        var filter = tlds is null ? string.Empty
            : database.Dialect == SqlDialect.PostgreSql ? "WHERE tld = ANY(@tlds)" : "WHERE tld IN @tlds";
        var parameters = new { tlds = tlds?.ToArray() };
        var delegations = await connection.QueryAsync<DelegationRow>(new CommandDefinition(
            $"""
            SELECT tld, u_label AS ULabel, manager_organisation AS ManagerOrganisation, manager_address AS ManagerAddress,
                whois_server AS WhoisServer, status, remarks, registration_url AS RegistrationUrl, created, changed, source,
                format, delegated, import_id AS ImportId, updated_at AS UpdatedAt
            FROM delegation {filter}
            """, parameters, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var contacts = (await connection.QueryAsync<ContactRow>(new CommandDefinition(
            $"SELECT tld, role, position, name, organisation, address, phone, fax, email FROM delegation_contact {filter} ORDER BY tld, position",
            parameters, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToLookup(c => c.Tld, StringComparer.Ordinal);
        var servers = (await connection.QueryAsync<NameServerRow>(new CommandDefinition(
            $"SELECT tld, position, host_name AS HostName, addresses FROM delegation_name_server {filter} ORDER BY tld, position",
            parameters, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToLookup(s => s.Tld, StringComparer.Ordinal);
        var ds = (await connection.QueryAsync<DsRow>(new CommandDefinition(
            $"SELECT tld, position, key_tag AS KeyTag, algorithm, digest_type AS DigestType, digest FROM delegation_ds {filter} ORDER BY tld, position",
            parameters, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToLookup(d => d.Tld, StringComparer.Ordinal);
        return delegations.ToDictionary(
            d => d.Tld,
            d => d.ToStored(contacts[d.Tld], servers[d.Tld], ds[d.Tld]),
            StringComparer.Ordinal);
    }
}
