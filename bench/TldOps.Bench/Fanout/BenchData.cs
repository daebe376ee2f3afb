using System.Globalization;
using Dapper;
using Npgsql;
using TldOps.Core.Common;
using TldOps.Core.Membership;
using TldOps.Core.Storage;

namespace TldOps.Bench.Fanout;

/// <summary>
/// A data folder with a database migrated by the real <c>tldops db migrate</c> (SQLite in the
/// folder, or a fresh PostgreSQL database when an admin connection string is given) and N active
/// members spread over the ccTLDs of the reference data (tens per ccTLD: the per-ccTLD cap is a
/// membership rule, applied when Membership adds people, not by the list engine).
/// </summary>
internal sealed class BenchData : IAsyncDisposable
{
    private readonly string? _postgresAdmin;
    private readonly string? _postgresName;

    private BenchData(string folder, Dictionary<string, string> environment, DatabaseLocation location, string? postgresAdmin, string? postgresName)
    {
        Folder = folder;
        Environment = environment;
        Location = location;
        _postgresAdmin = postgresAdmin;
        _postgresName = postgresName;
    }

    public string Folder { get; }

    /// <summary>The environment every tldops process of this run gets (the database, when not SQLite).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    public DatabaseLocation Location { get; }

    public bool Keep { get; init; }

    public static async Task<BenchData> CreateAsync(int members, IReadOnlyDictionary<string, string> environment, string? postgresAdmin, bool keep)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"tldops-fanout-{members}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var runEnvironment = new Dictionary<string, string>(environment, StringComparer.Ordinal);
        string? name = null;
        var location = DatabaseLocation.Resolve(null, folder);
        if (postgresAdmin is not null)
        {
            name = $"tldops_bench_{Guid.NewGuid():N}";
            await using (var admin = new NpgsqlConnection(postgresAdmin))
            {
                await admin.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
                await create.ExecuteNonQueryAsync();
            }

            var connection = new NpgsqlConnectionStringBuilder(postgresAdmin) { Database = name }.ConnectionString;
            runEnvironment["TLDOPS__Storage__Database"] = connection;
            location = DatabaseLocation.Resolve(connection, folder);
        }

        var data = new BenchData(folder, runEnvironment, location, postgresAdmin, name) { Keep = keep };
        await ServeProcess.RunToEndAsync(folder, runEnvironment, "db", "migrate");
        await data.SeedAsync(members);
        return data;
    }

    /// <summary>The bytes of one distributed copy, to blast the same message size in the ceiling run.</summary>
    public async Task<byte[]> OneCopyAsync()
    {
        await using var database = new Database(Location);
        await using var connection = await database.OpenAsync();
        var raw = await connection.ExecuteScalarAsync<byte[]>(
            "SELECT raw FROM mail_message WHERE id = (SELECT message_id FROM queue_entry WHERE queue = 'out' ORDER BY id LIMIT 1)");
        return raw ?? throw new InvalidOperationException("No copy was stored.");
    }

    public async ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        if (Keep)
        {
            Console.WriteLine($"kept {Folder} {_postgresName}");
            return;
        }

        if (_postgresName is not null)
        {
            await using var admin = new NpgsqlConnection(_postgresAdmin);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresName} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a process that is going away: the temp cleaner takes it.
        }
    }

    private async Task SeedAsync(int members)
    {
        await using var database = new Database(Location);
        var random = new CryptoRandomSource();
        var now = DateTimeOffset.UtcNow;
        await database.InTransactionAsync(async (connection, transaction) =>
        {
            var codes = (await connection.QueryAsync<string>(new CommandDefinition(
                "SELECT code FROM cctld ORDER BY code", transaction: transaction))).ToList();
            var ids = new HashSet<string>(StringComparer.Ordinal);
            var rows = new List<object>(members);
            for (var i = 0; i < members; i++)
            {
                string id;
                do
                {
                    id = MemberPublicId.Create(random);
                }
                while (!ids.Add(id));

                var cctld = codes[i % codes.Count];
                rows.Add(new
                {
                    id,
                    cctld,
                    name = string.Create(CultureInfo.InvariantCulture, $"Contact {i}"),
                    email = string.Create(CultureInfo.InvariantCulture, $"contact{i}@nic.{cctld}.example"),
                    language = Language.All[i % Language.All.Count],
                    now,
                });
            }

            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO member (public_id, cctld, name, email, role, language, status, created_at, updated_at)
                VALUES (@id, @cctld, @name, @email, 'member', @language, 'active', @now, @now)
                """, rows, transaction));
        });
    }
}
