using Microsoft.Data.Sqlite;
using Npgsql;

namespace TldOps.Core.Storage;

/// <summary>
/// Where the database is: an SQLite file (the default, <c>DATA/tldops.db</c>) or a PostgreSQL
/// connection string. <see cref="Display"/> is safe to print: it never contains a password.
/// </summary>
public sealed record DatabaseLocation(SqlDialect Dialect, string ConnectionString, string Display)
{
    public const string DefaultFileName = "tldops.db";

    /// <summary>
    /// Reads the <c>--db</c> value: a PostgreSQL URI (<c>postgres://…</c>), a keyword connection
    /// string containing <c>Host=</c>, or else an SQLite file path (relative paths are relative to
    /// the current directory). Null or empty means <c>DATA/tldops.db</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The value looks like a PostgreSQL connection string but does not parse.</exception>
    public static DatabaseLocation Resolve(string? database, string dataDirectory)
    {
        if (string.IsNullOrWhiteSpace(database))
        {
            return Sqlite(Path.Combine(dataDirectory, DefaultFileName));
        }

        var value = database.Trim();
        if (value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return PostgreSql(FromUri(value));
        }

        if (value.Contains("Host=", StringComparison.OrdinalIgnoreCase)
            || value.Contains("Server=", StringComparison.OrdinalIgnoreCase))
        {
            return PostgreSql(value);
        }

        if (value.StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase))
        {
            var builder = new SqliteConnectionStringBuilder(value);
            return Sqlite(builder.DataSource);
        }

        return Sqlite(value);
    }

    private static DatabaseLocation Sqlite(string path)
    {
        var full = Path.GetFullPath(path);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
        };
        return new DatabaseLocation(SqlDialect.Sqlite, builder.ToString(), $"SQLite {full}");
    }

    private static DatabaseLocation PostgreSql(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"The PostgreSQL connection string does not parse: {ex.Message}", nameof(connectionString), ex);
        }

        var display = $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
        return new DatabaseLocation(SqlDialect.PostgreSql, builder.ConnectionString, display);
    }

    private static string FromUri(string uri)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || string.IsNullOrEmpty(parsed.Host))
        {
            throw new ArgumentException($"'{Redact(uri)}' is not a valid postgres:// URI.", nameof(uri));
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = parsed.Host,
            Port = parsed.IsDefaultPort || parsed.Port <= 0 ? 5432 : parsed.Port,
            Database = Uri.UnescapeDataString(parsed.AbsolutePath.TrimStart('/')),
        };
        if (!string.IsNullOrEmpty(parsed.UserInfo))
        {
            var parts = parsed.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
            {
                builder.Password = Uri.UnescapeDataString(parts[1]);
            }
        }

        foreach (var pair in parsed.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            builder[Uri.UnescapeDataString(kv[0])] = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : string.Empty;
        }

        return builder.ConnectionString;
    }

    private static string Redact(string uri)
    {
        var at = uri.IndexOf('@', StringComparison.Ordinal);
        var scheme = uri.IndexOf("://", StringComparison.Ordinal);
        return at > 0 && scheme > 0 ? string.Concat(uri.AsSpan(0, scheme + 3), "…", uri.AsSpan(at)) : uri;
    }
}
