using System.Data.Common;
using Dapper;
using TldOps.Core.Storage;

namespace TldOps.Core.Registry;

/// <summary>
/// The ccTLD tables: loads the shipped reference data into the database (only when it changed),
/// reads the ccTLDs back with the committee's edits, and applies those edits.
/// </summary>
public sealed class CcTldStore(Database database, TimeProvider clock)
{
    private const string ReferenceName = "cctlds";

    /// <summary>
    /// Brings the database in line with <paramref name="catalog"/>. New ccTLDs are inserted with
    /// their regional organisations; existing ones get their reference fields and names updated
    /// while the committee's region override and organisation edits are kept; ccTLDs that left the
    /// reference data are marked not delegated (never deleted: members and history refer to them).
    /// Returns false when the database already held this version.
    /// </summary>
    public Task<bool> SyncReferenceDataAsync(CcTldCatalog catalog, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return database.InTransactionAsync(async (connection, transaction) =>
        {
            var current = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
                "SELECT sha256 FROM reference_data WHERE name = @name",
                new { name = ReferenceName }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (current == catalog.Sha256)
            {
                return false;
            }

            await WriteCatalogAsync(connection, transaction, catalog, cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition(
                """
                DELETE FROM reference_data WHERE name = @name;
                INSERT INTO reference_data (name, sha256, loaded_at) VALUES (@name, @sha, @now);
                """,
                new { name = ReferenceName, sha = catalog.Sha256, now = clock.GetUtcNow() }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    /// <summary>All stored ccTLDs (delegated or not), ASCII first, then by code.</summary>
    public Task<IReadOnlyList<RegisteredCcTld>> ListAsync(CancellationToken cancellationToken = default) => LoadAsync(null, cancellationToken);

    /// <summary>The stored ccTLD with this code (lower case, as stored), or null.</summary>
    public async Task<RegisteredCcTld?> FindAsync(string code, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        return (await LoadAsync(code, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    /// <summary>Every ccTLD, or (<paramref name="code"/>) the one, with its names and regional organisations.</summary>
    private async Task<IReadOnlyList<RegisteredCcTld>> LoadAsync(string? code, CancellationToken cancellationToken)
    {
        var only = code is null ? string.Empty : " WHERE code = @code";
        var onlyOf = code is null ? string.Empty : " WHERE cctld = @code";
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<CcTldRow>(new CommandDefinition(
            "SELECT code, u_label AS ULabel, kind, country_code AS CountryCode, script, reference_region AS ReferenceRegion, region_override AS RegionOverride, delegated FROM cctld" + only,
            new { code }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var names = (await connection.QueryAsync<(string Cctld, string Language, string Name)>(new CommandDefinition(
            "SELECT cctld, language, name FROM cctld_name" + onlyOf, new { code }, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .ToLookup(n => n.Cctld, StringComparer.Ordinal);
        var orgs = (await connection.QueryAsync<(string Cctld, string Organisation)>(new CommandDefinition(
            "SELECT cctld, organisation FROM cctld_regional_organisation" + onlyOf + " ORDER BY organisation", new { code }, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .ToLookup(o => o.Cctld, StringComparer.Ordinal);
        return rows
            .Select(r => r.ToRegistered(
                names[r.Code].ToDictionary(n => n.Language, n => n.Name, StringComparer.Ordinal),
                orgs[r.Code].Select(o => o.Organisation).ToList()))
            .OrderBy(t => t.Kind)
            .ThenBy(t => t.Code, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Sets (or with null clears) the committee's region override for a ccTLD. False if there is no such ccTLD.</summary>
    public async Task<bool> SetRegionOverrideAsync(string code, IcannRegion? region, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE cctld SET region_override = @region WHERE code = @code",
            new { code, region = region?.ToCode() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return changed == 1;
    }

    /// <summary>Replaces the regional organisations of a ccTLD (the committee's edit).</summary>
    public Task SetRegionalOrganisationsAsync(string code, IReadOnlyCollection<string> organisations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(organisations);
        return database.InTransactionAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM cctld_regional_organisation WHERE cctld = @code", new { code }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO cctld_regional_organisation (cctld, organisation) VALUES (@code, @organisation)",
                organisations.Select(o => new { code, organisation = o }), transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }, cancellationToken);
    }

    private async Task WriteCatalogAsync(DbConnection connection, DbTransaction transaction, CcTldCatalog catalog, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO regional_organisation (code, name, website) VALUES (@Code, @Name, @Website)
            ON CONFLICT (code) DO UPDATE SET name = excluded.name, website = excluded.website
            """, catalog.RegionalOrganisations, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);

        var existing = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT code FROM cctld", transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .ToHashSet(StringComparer.Ordinal);
        var rows = catalog.All.Select(t => new
        {
            t.Code,
            t.ULabel,
            Kind = t.Kind == CcTldKind.Idn ? "idn" : "ascii",
            t.CountryCode,
            t.Script,
            Region = t.Region.ToCode(),
            Now = now,
        });
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO cctld (code, u_label, kind, country_code, script, reference_region, added_at)
            VALUES (@Code, @ULabel, @Kind, @CountryCode, @Script, @Region, @Now)
            ON CONFLICT (code) DO UPDATE SET u_label = excluded.u_label, kind = excluded.kind,
                country_code = excluded.country_code, script = excluded.script,
                reference_region = excluded.reference_region, delegated = excluded.delegated
            """, rows, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);

        var shipped = catalog.All.Select(t => t.Code).ToHashSet(StringComparer.Ordinal);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE cctld SET delegated = @no WHERE code = @code",
            existing.Where(c => !shipped.Contains(c)).Select(c => new { code = c, no = false }), transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);

        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM cctld_name", transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO cctld_name (cctld, language, name) VALUES (@Code, @Language, @Name)",
            catalog.All.SelectMany(t => t.Names.Select(n => new { t.Code, Language = n.Key, Name = n.Value })),
            transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);

        // Organisation membership is the committee's to edit: seed it only for ccTLDs new to the database.
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO cctld_regional_organisation (cctld, organisation) VALUES (@Code, @Organisation)",
            catalog.All.Where(t => !existing.Contains(t.Code))
                .SelectMany(t => t.RegionalOrganisations.Select(o => new { t.Code, Organisation = o })),
            transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    // Dapper rows are classes with settable properties: constructor mapping would demand exact
    // column types, and SQLite returns INTEGER where PostgreSQL returns BOOLEAN.
    private sealed class CcTldRow
    {
        public string Code { get; init; } = string.Empty;

        public string ULabel { get; init; } = string.Empty;

        public string Kind { get; init; } = string.Empty;

        public string CountryCode { get; init; } = string.Empty;

        public string? Script { get; init; }

        public string ReferenceRegion { get; init; } = string.Empty;

        public string? RegionOverride { get; init; }

        public bool Delegated { get; init; }

        public RegisteredCcTld ToRegistered(IReadOnlyDictionary<string, string> names, IReadOnlyList<string> organisations)
        {
            var overridden = RegionOverride is not null && IcannRegions.TryParse(RegionOverride, out _);
            IcannRegions.TryParse(overridden ? RegionOverride : ReferenceRegion, out var region);
            return new RegisteredCcTld(Code, ULabel, Kind == "idn" ? CcTldKind.Idn : CcTldKind.Ascii, CountryCode, Script,
                region, overridden, Delegated, organisations, names);
        }
    }
}
