using System.Data.Common;
using System.Security.Cryptography;
using Dapper;
using TldOps.Core.Common;
using TldOps.Core.Storage;

namespace TldOps.Core.Security;

/// <summary>
/// Random secrets an installation needs on every node (the link-signing key), created once on
/// first use and kept in the database so that all nodes of a PostgreSQL installation agree.
/// </summary>
public sealed class InstallationSecrets(Database database, IRandomSource random, TimeProvider clock)
{
    private readonly Dictionary<string, byte[]> _cache = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The secret named <paramref name="name"/>, of <paramref name="length"/> random bytes when first created.</summary>
    public Task<byte[]> GetAsync(string name, int length = 32, CancellationToken cancellationToken = default) =>
        GetAsync(null, null, name, length, cancellationToken);

    /// <summary>
    /// As <see cref="GetAsync(string, int, CancellationToken)"/>, on the caller's connection and
    /// transaction when given: on SQLite a second connection would wait for the caller's own write lock.
    /// </summary>
    public async Task<byte[]> GetAsync(DbConnection? connection, DbTransaction? transaction, string name, int length = 32, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_cache.TryGetValue(name, out var known))
            {
                return known;
            }

            var fresh = new byte[length];
            random.Fill(fresh);
            async Task<string?> ReadOrCreate(DbConnection c, DbTransaction? t)
            {
                // Two nodes may race here: the first insert wins and both read the winner.
                await c.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO installation_secret (name, value, created_at) VALUES (@name, @value, @now) ON CONFLICT (name) DO NOTHING",
                    new { name, value = Convert.ToBase64String(fresh), now = clock.GetUtcNow() }, t, cancellationToken: cancellationToken)).ConfigureAwait(false);
                return await c.ExecuteScalarAsync<string>(new CommandDefinition(
                    "SELECT value FROM installation_secret WHERE name = @name", new { name }, t, cancellationToken: cancellationToken)).ConfigureAwait(false);
            }

            var stored = connection is not null
                ? await ReadOrCreate(connection, transaction).ConfigureAwait(false)
                : await database.InTransactionAsync((c, t) => ReadOrCreate(c, t), cancellationToken).ConfigureAwait(false);
            CryptographicOperations.ZeroMemory(fresh);
            var value = Convert.FromBase64String(stored!);
            _cache[name] = value;
            return value;
        }
        finally
        {
            _gate.Release();
        }
    }
}
