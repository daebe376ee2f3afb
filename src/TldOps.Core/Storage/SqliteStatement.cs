using Microsoft.Data.Sqlite;

namespace TldOps.Core.Storage;

/// <summary>
/// A statement kept compiled on the SQLite write connection (<see cref="Database.Statement"/>):
/// its parameters are set by name before each run and keep their objects between runs.
/// </summary>
public sealed class SqliteStatement
{
    internal SqliteStatement(SqliteCommand command, string sql)
    {
        Command = command;
        Command.CommandText = sql;
    }

    /// <summary>The command, ready to run once its parameters are set.</summary>
    public SqliteCommand Command { get; }

    /// <summary>
    /// Sets parameter <paramref name="name"/> (without the @) to <paramref name="value"/>:
    /// null as NULL, and a timestamp in the one text form SQLite columns hold, as Dapper writes it.
    /// </summary>
    public SqliteStatement Set(string name, object? value)
    {
        var stored = value switch
        {
            null => DBNull.Value,
            DateTimeOffset time => StorageTypeHandlers.ToSqliteText(time),
            _ => value,
        };
        var parameters = Command.Parameters;
        var index = parameters.IndexOf(name);
        if (index >= 0)
        {
            parameters[index].Value = stored;
        }
        else
        {
            parameters.AddWithValue(name, stored);
        }

        return this;
    }
}
