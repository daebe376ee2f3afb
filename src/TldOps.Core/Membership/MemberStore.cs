using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using TldOps.Core.Common;
using TldOps.Core.Storage;

namespace TldOps.Core.Membership;

/// <summary>
/// The <c>member</c> table: adds people (one at a time or a whole roster in one transaction),
/// reads them back, changes their status, and counts the active ones per ccTLD for coverage.
/// Uniqueness of an address within a ccTLD is the database's to enforce (a partial unique index
/// over the rows not removed); a clash comes back as <see cref="Conflict"/>, never half-written.
/// </summary>
public sealed partial class MemberStore(Database database, TimeProvider clock, IRandomSource random)
{
    // A fresh 10-symbol id collides with one of a thousand stored ids about once in 10^12 tries;
    // a handful of attempts turns "rare" into "never" while keeping the loop bounded.
    private const int PublicIdAttempts = 8;

    private const string Columns =
        "id, public_id AS PublicId, cctld AS CcTld, name, email, office_phone AS OfficePhone, mobile_phone AS MobilePhone, " +
        "role, language, status, created_at AS CreatedAt, updated_at AS UpdatedAt, verified_at AS VerifiedAt";

    /// <summary>Adds one person; <see cref="Conflict"/> when the address is already on the list for that ccTLD.</summary>
    public async Task<Result<Member>> AddAsync(NewMember member, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(member);
        var added = await AddAllAsync([member], cancellationToken).ConfigureAwait(false);
        return added.TryGetValue(out var members, out var problem) ? members[0] : problem;
    }

    /// <summary>
    /// Adds every person in one transaction: all of them, or, on the first clash with a stored
    /// address, none (<see cref="Conflict"/>).
    /// </summary>
    public async Task<Result<IReadOnlyList<Member>>> AddAllAsync(IReadOnlyList<NewMember> members, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(members);
        foreach (var member in members)
        {
            if (member.Role.HasCcTld() != (member.CcTld is not null))
            {
                throw new ArgumentException($"A {member.Role.ToCode()} {(member.CcTld is null ? "needs" : "has no")} ccTLD.", nameof(members));
            }
        }

        try
        {
            return await database.InTransactionAsync<Result<IReadOnlyList<Member>>>(async (connection, transaction) =>
            {
                var now = clock.GetUtcNow();
                var added = new List<Member>(members.Count);
                foreach (var member in members)
                {
                    added.Add(await InsertAsync(connection, transaction, member, now, cancellationToken).ConfigureAwait(false));
                }

                return added;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex) when (IsUniqueViolation(ex))
        {
            return new Conflict("One of these addresses is already on the list for its ccTLD; nothing was added.");
        }
    }

    /// <summary>Everyone, or only those with <paramref name="status"/>, by ccTLD then name.</summary>
    public async Task<IReadOnlyList<Member>> ListAsync(MemberStatus? status = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<MemberRow>(new CommandDefinition(
            $"SELECT {Columns} FROM member WHERE @status IS NULL OR status = @status ORDER BY cctld, name, id",
            new { status = status?.ToCode() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToMember()).ToList();
    }

    /// <summary>The people among <paramref name="ids"/> with <paramref name="status"/>, by ccTLD then name.</summary>
    public async Task<IReadOnlyList<Member>> ListAsync(IReadOnlyCollection<long> ids, MemberStatus status, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return [];
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<MemberRow>(new CommandDefinition(
            $"SELECT {Columns} FROM member WHERE status = @status AND {database.InList("id", "ids")} ORDER BY cctld, name, id",
            new { status = status.ToCode(), ids = ids.ToArray() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToMember()).ToList();
    }

    /// <summary>The person with this public id, or null.</summary>
    public async Task<Member?> FindAsync(string publicId, CancellationToken cancellationToken = default)
    {
        if (!MemberPublicId.IsWellFormed(publicId))
        {
            return null;
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<MemberRow>(new CommandDefinition(
            $"SELECT {Columns} FROM member WHERE public_id = @publicId",
            new { publicId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToMember();
    }

    /// <summary>
    /// Changes a person's status. <see cref="NotFound"/> for an unknown id; <see cref="Conflict"/>
    /// when bringing a removed person back would clash with someone added since.
    /// </summary>
    public async Task<Result<Member>> SetStatusAsync(string publicId, MemberStatus status, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
            var changed = await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE member SET status = @status, updated_at = @now WHERE public_id = @publicId",
                new { publicId, status = status.ToCode(), now = clock.GetUtcNow() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (changed == 0)
            {
                return new NotFound($"No member has the id '{publicId}'.");
            }
        }
        catch (DbException ex) when (IsUniqueViolation(ex))
        {
            return new Conflict("The address is on the list again for that ccTLD under another entry.");
        }

        return (await FindAsync(publicId, cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Active people per ccTLD (ASCII code); ccTLDs without any are absent.</summary>
    public async Task<IReadOnlyDictionary<string, int>> CountActiveByCcTldAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string CcTld, long Count)>(new CommandDefinition(
            "SELECT cctld, COUNT(*) FROM member WHERE status = @active AND cctld IS NOT NULL GROUP BY cctld",
            new { active = MemberStatus.Active.ToCode() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToDictionary(r => r.CcTld, r => checked((int)r.Count), StringComparer.Ordinal);
    }

    private async Task<Member> InsertAsync(DbConnection connection, DbTransaction transaction, NewMember member, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var publicId = await FreshPublicIdAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO member (public_id, cctld, name, email, office_phone, mobile_phone, role, language, status, created_at, updated_at)
            VALUES (@publicId, @CcTld, @Name, @Email, @office, @mobile, @role, @Language, @status, @now, @now)
            RETURNING id
            """,
            new
            {
                publicId,
                member.CcTld,
                member.Name,
                member.Email,
                office = member.OfficePhone?.E164,
                mobile = member.MobilePhone?.E164,
                role = member.Role.ToCode(),
                member.Language,
                status = MemberStatus.Active.ToCode(),
                now,
            }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new Member(id, publicId, member.CcTld, member.Name, member.Email, member.OfficePhone, member.MobilePhone,
            member.Role, member.Language, MemberStatus.Active, now, now, null);
    }

    private async Task<string> FreshPublicIdAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < PublicIdAttempts; attempt++)
        {
            var candidate = MemberPublicId.Create(random);
            var taken = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM member WHERE public_id = @candidate", new { candidate }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (taken == 0)
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"No free member id after {PublicIdAttempts} attempts: the random source is not random.");
    }

    /// <summary>True when <paramref name="exception"/> is a unique-constraint violation on either database.</summary>
    public static bool IsUniqueViolation(DbException exception) => exception switch
    {
        // SQLITE_CONSTRAINT_UNIQUE (2067) and SQLITE_CONSTRAINT_PRIMARYKEY (1555) are extended codes of 19.
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    // Dapper rows are classes with settable properties: SQLite returns INTEGER and TEXT where
    // PostgreSQL returns BIGINT and TIMESTAMPTZ, and only property mapping converts both.
    private sealed class MemberRow
    {
        public long Id { get; init; }

        public string PublicId { get; init; } = string.Empty;

        public string? CcTld { get; init; }

        public string Name { get; init; } = string.Empty;

        public string Email { get; init; } = string.Empty;

        public string? OfficePhone { get; init; }

        public string? MobilePhone { get; init; }

        public string Role { get; init; } = string.Empty;

        public string Language { get; init; } = string.Empty;

        public string Status { get; init; } = string.Empty;

        public DateTimeOffset CreatedAt { get; init; }

        public DateTimeOffset UpdatedAt { get; init; }

        public DateTimeOffset? VerifiedAt { get; init; }

        public Member ToMember()
        {
            MemberCodes.TryParseRole(Role, out var role);
            MemberCodes.TryParseStatus(Status, out var status);
            return new Member(Id, PublicId, CcTld, Name, Email, Phone(OfficePhone), Phone(MobilePhone), role, Language, status,
                CreatedAt, UpdatedAt, VerifiedAt);
        }

        // Stored numbers were validated on the way in; one edited by hand into nonsense reads as absent.
        private static PhoneNumber? Phone(string? e164) => PhoneNumber.TryParse(e164, out var number) ? number : null;
    }
}
