using System.Data.Common;
using System.Security.Cryptography;
using Dapper;

namespace TldOps.Core.Storage.Queues;

/// <summary>
/// The raw bytes of every message the system handles, stored once and referenced by queue
/// entries (10,000 out entries of one post share one row) and by the archive.
/// </summary>
public sealed class MessageStore(Database database, TimeProvider clock)
{
    /// <summary>Stores <paramref name="raw"/> inside the caller's transaction and returns its id.</summary>
    public async Task<long> AddAsync(DbConnection connection, DbTransaction transaction, ReadOnlyMemory<byte> raw, CancellationToken cancellationToken = default)
    {
        const string sql = "INSERT INTO mail_message (raw, size, sha256, created_at) VALUES (@raw, @size, @sha, @now) RETURNING id";
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, new
        {
            raw = raw.ToArray(),
            size = raw.Length,
            sha = Convert.ToHexStringLower(SHA256.HashData(raw.Span)),
            now = clock.GetUtcNow(),
        }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Stores <paramref name="raw"/> in its own transaction.</summary>
    public Task<long> AddAsync(ReadOnlyMemory<byte> raw, CancellationToken cancellationToken = default) =>
        database.InTransactionAsync((c, t) => AddAsync(c, t, raw, cancellationToken), cancellationToken);

    /// <summary>The bytes of message <paramref name="id"/>, or null.</summary>
    public async Task<byte[]?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<byte[]?>(new CommandDefinition(
            "SELECT raw FROM mail_message WHERE id = @id", new { id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }
}
