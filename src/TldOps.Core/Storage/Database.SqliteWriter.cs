using Dapper;
using Microsoft.Data.Sqlite;

namespace TldOps.Core.Storage;

public sealed partial class Database
{
    /// <summary>
    /// The SQLite write connection and what lives with it: its prepared statements and its
    /// synchronous setting. Used by one transaction at a time (the writer semaphore).
    /// </summary>
    private sealed class SqliteWriter(SqliteConnection connection, Database database) : IAsyncDisposable
    {
        // A handful of hot statements; the bound keeps a caller that builds SQL text per call
        // from filling memory with statements that are never run again.
        private const int MaxStatements = 32;

        private readonly Dictionary<string, SqliteStatement> _statements = new(StringComparer.Ordinal);

        // FULL as OpenAsync configured it.
        private Durability _durability = Durability.Immediate;

        public SqliteConnection Connection { get; } = connection;

        public SqliteStatement Statement(string sql, SqliteTransaction transaction)
        {
            if (!_statements.TryGetValue(sql, out var statement))
            {
                if (_statements.Count >= MaxStatements)
                {
                    throw new InvalidOperationException($"More than {MaxStatements} prepared statements: only fixed, hot statements belong here.");
                }

                statement = new SqliteStatement(Connection.CreateCommand(), sql);
                _statements.Add(sql, statement);
            }

            statement.Command.Transaction = transaction;
            return statement;
        }

        public async Task SetDurabilityAsync(Durability durability, CancellationToken cancellationToken)
        {
            if (durability == _durability || Connection.Handle is not { } handle)
            {
                return;
            }

            // While NORMAL the native connection is not "configured": should it go back to the
            // pool in that state (this writer dropped after a failure), the next open sets it up.
            if (durability == Durability.Deferred)
            {
                database._configured.Remove(handle);
            }

            await Connection.ExecuteAsync(new CommandDefinition(
                durability == Durability.Deferred ? "PRAGMA synchronous=NORMAL" : "PRAGMA synchronous=FULL",
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            _durability = durability;
            if (durability == Durability.Immediate)
            {
                database._configured.AddOrUpdate(handle, Configured);
            }
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var statement in _statements.Values)
            {
                statement.Command.Dispose();
            }

            _statements.Clear();
            await Connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
