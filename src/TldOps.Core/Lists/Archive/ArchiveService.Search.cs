using Dapper;
using TldOps.Core.Storage;

namespace TldOps.Core.Lists.Archive;

public sealed partial class ArchiveService
{
    /// <summary>The longest query accepted (characters) and the most words used from it.</summary>
    public const int MaxQueryLength = 500;

    private const int MaxQueryWords = 16;

    /// <summary>
    /// Messages containing every word of <paramref name="text"/> (in subject, author or body),
    /// best first. Words are matched as words, never as query syntax, so any text is a safe query.
    /// </summary>
    public async Task<IReadOnlyList<ArchiveSearchHit>> SearchAsync(string text, int limit = 20, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = Words(text);
        if (words.Count == 0)
        {
            return [];
        }

        limit = Math.Clamp(limit, 1, 200);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        IEnumerable<ArchiveSearchHit> hits;
        if (database.Dialect == SqlDialect.Sqlite)
        {
            // Each word quoted (a quote inside doubled) is a plain FTS5 string; juxtaposed strings mean AND.
            var query = string.Join(' ', words.Select(w => "\"" + w.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
            hits = await connection.QueryAsync<ArchiveMessage, string?, ArchiveSearchHit>(new CommandDefinition(
                $"""
                SELECT {MessageColumns}, snippet(archive_search, 2, '[', ']', '…', 16) AS Snippet
                FROM archive_search JOIN archive_message m ON m.id = archive_search.rowid
                WHERE archive_search MATCH @query
                ORDER BY bm25(archive_search, 10.0, 5.0, 1.0), m.id DESC
                LIMIT @limit
                """, new { query, limit }, cancellationToken: cancellationToken), Hit, splitOn: "Snippet").ConfigureAwait(false);
        }
        else
        {
            var query = string.Join(' ', words);
            hits = await connection.QueryAsync<ArchiveMessage, string?, ArchiveSearchHit>(new CommandDefinition(
                $"""
                SELECT {MessageColumns},
                    ts_headline('simple', m.body_text, plainto_tsquery('simple', @query), 'StartSel=[, StopSel=], MaxWords=24, MinWords=8') AS Snippet
                FROM archive_message m
                WHERE m.search @@ plainto_tsquery('simple', @query)
                ORDER BY ts_rank(m.search, plainto_tsquery('simple', @query)) DESC, m.id DESC
                LIMIT @limit
                """, new { query, limit }, cancellationToken: cancellationToken), Hit, splitOn: "Snippet").ConfigureAwait(false);
        }

        return hits.ToList();
    }

    /// <summary>The words of a query: letters and digits (and inner dots, hyphens, '@' for names and addresses), lower case.</summary>
    internal static IReadOnlyList<string> Words(string text)
    {
        if (text.Length > MaxQueryLength)
        {
            text = text[..MaxQueryLength];
        }

        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        foreach (var c in text + " ")
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
                continue;
            }

            if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        return words.Distinct(StringComparer.Ordinal).Take(MaxQueryWords).ToList();
    }

    // Dapper maps the message columns, then the snippet the database made (from the column named Snippet on).
    private static ArchiveSearchHit Hit(ArchiveMessage message, string? snippet) => new(message, snippet ?? string.Empty);
}
