using System.Reflection;
using System.Text.RegularExpressions;

namespace TldOps.Core.Storage;

/// <summary>
/// The migrations shipped in this assembly as embedded resources, per dialect. Versions must be
/// unique in each dialect, and the two dialects must have the same list: a test checks this so
/// that SQLite and PostgreSQL never drift apart. Gaps are allowed (feature branches reserve
/// numbers); every version is applied once, in order of number, and recorded by number, so a
/// migration that lands after a higher-numbered one is still applied.
/// </summary>
public static partial class MigrationCatalog
{
    private const string Prefix = "TldOps.Core.Storage.Migrations.";

    public static IReadOnlyList<Migration> For(SqlDialect dialect)
    {
        var folder = dialect == SqlDialect.Sqlite ? "Sqlite" : "Postgres";
        var assembly = typeof(MigrationCatalog).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var match = ResourceName().Match(resource[Prefix.Length..]);
            if (!match.Success || match.Groups["dialect"].Value != folder)
            {
                continue;
            }

            migrations.Add(new Migration(
                int.Parse(match.Groups["version"].Value, System.Globalization.CultureInfo.InvariantCulture),
                match.Groups["name"].Value,
                Read(assembly, resource)));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < migrations.Count; i++)
        {
            if (migrations[i].Version == migrations[i - 1].Version)
            {
                throw new InvalidOperationException(
                    $"{folder} has two migrations numbered {migrations[i].Version:D4} ({migrations[i - 1].Name}, {migrations[i].Name}).");
            }
        }

        return migrations;
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded migration {resource} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"^(?<dialect>Sqlite|Postgres)[/\\.](?<version>\d{4})_(?<name>[a-z0-9_]+)\.sql$")]
    private static partial Regex ResourceName();
}
