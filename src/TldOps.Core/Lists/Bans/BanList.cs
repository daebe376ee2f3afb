using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using TldOps.Core.Common;
using TldOps.Core.Storage;

namespace TldOps.Core.Lists.Bans;

/// <summary>
/// Addresses whose posts the list rejects (the <c>banned-address</c> rule): one address, or a
/// whole domain written '@example.org'. Patterns are exact, not regular expressions: a ban list
/// that a typo can turn into "everyone" is worse than none.
/// </summary>
public sealed class BanList(Database database, TimeProvider clock)
{
    /// <summary>Adds a ban; <see cref="Invalid"/> for a pattern that is neither an address nor '@domain', <see cref="Conflict"/> when present.</summary>
    public async Task<Result<Ban>> AddAsync(string pattern, string? reason, string createdBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var normalised = pattern.Trim().ToLowerInvariant();
        var at = normalised.IndexOf('@', StringComparison.Ordinal);
        if (at < 0 || at != normalised.LastIndexOf('@') || normalised.Length == at + 1 || normalised.Any(char.IsWhiteSpace))
        {
            return new Invalid($"'{pattern}' is neither an address nor '@domain'.");
        }

        try
        {
            await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
            return await connection.QuerySingleAsync<Ban>(new CommandDefinition(
                """
                INSERT INTO list_ban (pattern, reason, created_by, created_at) VALUES (@normalised, @reason, @createdBy, @now)
                RETURNING id, pattern, reason, created_by AS CreatedBy, created_at AS CreatedAt
                """, new { normalised, reason, createdBy, now = clock.GetUtcNow() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        catch (DbException ex) when (ex is SqliteException { SqliteExtendedErrorCode: 2067 } or PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return new Conflict($"'{normalised}' is already banned.");
        }
    }

    public async Task<IReadOnlyList<Ban>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Ban>(new CommandDefinition(
            "SELECT id, pattern, reason, created_by AS CreatedBy, created_at AS CreatedAt FROM list_ban ORDER BY pattern",
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToList();
    }

    public async Task<bool> RemoveAsync(string pattern, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM list_ban WHERE pattern = @pattern", new { pattern = pattern.Trim().ToLowerInvariant() }, cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
    }

    /// <summary>The pattern <paramref name="address"/> matches (the address itself first, then its domain), or null.</summary>
    public async Task<string?> MatchAsync(string address, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        var lower = address.ToLowerInvariant();
        var at = lower.LastIndexOf('@');
        var domain = at >= 0 ? lower[at..] : null;
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QueryFirstOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT pattern FROM list_ban WHERE pattern = @lower OR pattern = @domain ORDER BY length(pattern) DESC LIMIT 1",
            new { lower, domain }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }
}
