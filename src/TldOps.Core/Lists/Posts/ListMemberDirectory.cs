using System.Data.Common;
using Dapper;
using TldOps.Core.Storage;

namespace TldOps.Core.Lists.Posts;

/// <summary>
/// The engine's reads of the <c>member</c> table: who sent a post, who moderates (committee and
/// secretariat), which recipients of system mail are members (for their VERP token and language).
/// </summary>
public sealed class ListMemberDirectory(Database database)
{
    private const string Columns =
        "id, public_id AS PublicId, cctld AS CcTld, name, email, role, language, status";

    /// <summary>
    /// The person with this address, preferring an active row (someone serving two ccTLDs has two
    /// rows), then a suspended one; removed rows are ignored. Null when nobody has it.
    /// </summary>
    public async Task<ListMember?> FindByEmailAsync(string email, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(email);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QueryFirstOrDefaultAsync<ListMember>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM member
            WHERE lower(email) = @email AND status <> 'removed'
            ORDER BY CASE status WHEN 'active' THEN 0 ELSE 1 END, id
            LIMIT 1
            """, new { email = email.ToLowerInvariant() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>The person with this public id (any status), or null.</summary>
    public async Task<ListMember?> FindByPublicIdAsync(string publicId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<ListMember>(new CommandDefinition(
            $"SELECT {Columns} FROM member WHERE public_id = @publicId", new { publicId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>
    /// The active committee members and secretariat staff, by id: the people who moderate and
    /// process requests (DESIGN.md, "Users and roles"), so they get held-post notices, -owner mail
    /// and bounce notices. Liaisons and plain members do not.
    /// </summary>
    public async Task<IReadOnlyList<ListMember>> CommitteeAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await CommitteeAsync(connection, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The active committee members and secretariat staff, read inside the caller's transaction.</summary>
    public async Task<IReadOnlyList<ListMember>> CommitteeAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var rows = await connection.QueryAsync<ListMember>(new CommandDefinition(
            $"SELECT {Columns} FROM member WHERE role IN ('committee', 'secretariat') AND status = 'active' ORDER BY id",
            transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToList();
    }

    /// <summary>The languages of the active members (who get the list's copies).</summary>
    public async Task<IReadOnlyList<string>> RecipientLanguagesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT DISTINCT language FROM member WHERE status = 'active' ORDER BY language", cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToList();
    }

    /// <summary>
    /// The people (not removed) whose address is one of <paramref name="emails"/>, keyed by the
    /// address in lower case; the active row wins where there are several.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, ListMember>> FindByEmailsAsync(IReadOnlyCollection<string> emails, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(emails);
        var result = new Dictionary<string, ListMember>(StringComparer.Ordinal);
        if (emails.Count == 0)
        {
            return result;
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        // Chunks keep SQLite under its 999 host parameters and PostgreSQL's arrays small.
        foreach (var chunk in emails.Select(e => e.ToLowerInvariant()).Distinct(StringComparer.Ordinal).Chunk(500))
        {
            var rows = await connection.QueryAsync<ListMember>(new CommandDefinition(
                $"SELECT {Columns} FROM member WHERE status <> 'removed' AND {database.InList("lower(email)", "emails")} ORDER BY CASE status WHEN 'active' THEN 0 ELSE 1 END DESC, id DESC",
                new { emails = chunk }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            foreach (var row in rows)
            {
                // Ordered so that the preferred row comes last and wins.
                result[row.Email.ToLowerInvariant()] = row;
            }
        }

        return result;
    }
}
