using Dapper;
using TldOps.Core.Common;
using TldOps.Core.Security;
using TldOps.Core.Storage;
using TldOps.Testing;

namespace TldOps.Core.Tests.Security;

public sealed class ActionTokensTests
{
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);

    [Theory, SqliteData, PostgresData]
    public async Task A_token_is_valid_once_for_its_purpose_until_it_expires(SqlDialect dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        var (tokens, clock) = Create(db.Database);
        var issued = await db.Database.InTransactionAsync((c, t) => tokens.IssueAsync(c, t, "join-decision", "join:17", Week));

        var peek = await tokens.CheckAsync(issued.Token, "join-decision");
        var wrongPurpose = await tokens.CheckAsync(issued.Token, "login");
        var used = await db.Database.InTransactionAsync((c, t) => tokens.ConsumeAsync(c, t, issued.Token, "join-decision", "admin@nic.example"));
        var again = await db.Database.InTransactionAsync((c, t) => tokens.ConsumeAsync(c, t, issued.Token, "join-decision", "admin@nic.example"));

        Assert.Equal(TokenStatus.Valid, peek.Status);
        Assert.Equal("join:17", peek.Subject);
        Assert.Equal(TokenStatus.WrongPurpose, wrongPurpose.Status);
        Assert.True(used.IsValid);
        Assert.Equal(TokenStatus.Used, again.Status);
        Assert.Equal(clock.GetUtcNow() + Week, issued.ExpiresAt);
    }

    [Theory, SqliteData, PostgresData]
    public async Task An_expired_token_is_refused(SqlDialect dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        var (tokens, clock) = Create(db.Database);
        var issued = await db.Database.InTransactionAsync((c, t) => tokens.IssueAsync(c, t, "reverify", "member:abc", TimeSpan.FromHours(1)));

        clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal(TokenStatus.Expired, (await tokens.CheckAsync(issued.Token, "reverify")).Status);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Any_altered_part_makes_a_forgery_and_junk_is_malformed(SqlDialect dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        var (tokens, _) = Create(db.Database);
        var issued = await db.Database.InTransactionAsync((c, t) => tokens.IssueAsync(c, t, "login", "member:abc", Week));
        var parts = issued.Token.Split('.');

        for (var i = 0; i < 4; i++)
        {
            var altered = (string[])parts.Clone();
            altered[i] = i == 1 ? (long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) + 86400).ToString(System.Globalization.CultureInfo.InvariantCulture) : Flip(parts[i]);
            Assert.Equal(TokenStatus.Forged, (await tokens.CheckAsync(string.Join('.', altered), "login")).Status);
        }

        foreach (var junk in new[] { "", "abc", "a.b.c", "a.b.c.d.e", "x.notanumber.y.z", new string('a', 500), "a.1.b.c<script>" })
        {
            Assert.Equal(TokenStatus.Malformed, (await tokens.CheckAsync(junk, "login")).Status);
        }
    }

    [Theory, SqliteData, PostgresData]
    public async Task Of_two_concurrent_uses_exactly_one_wins(SqlDialect dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        var (tokens, _) = Create(db.Database);
        var issued = await db.Database.InTransactionAsync((c, t) => tokens.IssueAsync(c, t, "join-decision", "join:1", Week));

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() =>
            db.Database.InTransactionAsync((c, t) => tokens.ConsumeAsync(c, t, issued.Token, "join-decision", $"clicker-{i}")))));

        Assert.Equal(1, results.Count(r => r.IsValid));
        Assert.All(results.Where(r => !r.IsValid), r => Assert.Equal(TokenStatus.Used, r.Status));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Revoking_kills_the_unused_links_of_a_subject(SqlDialect dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        var (tokens, _) = Create(db.Database);
        var first = await db.Database.InTransactionAsync((c, t) => tokens.IssueAsync(c, t, "join-decision", "join:5", Week));
        var other = await db.Database.InTransactionAsync((c, t) => tokens.IssueAsync(c, t, "join-decision", "join:6", Week));

        var revoked = await db.Database.InTransactionAsync((c, t) => tokens.RevokeAsync(c, t, "join:5", "join-decision"));

        Assert.Equal(1, revoked);
        Assert.Equal(TokenStatus.Used, (await tokens.CheckAsync(first.Token, "join-decision")).Status);
        Assert.Equal(TokenStatus.Valid, (await tokens.CheckAsync(other.Token, "join-decision")).Status);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Two_nodes_share_one_signing_key(SqlDialect dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        var nodeA = new ActionTokens(db.Database, new InstallationSecrets(db.Database, new CryptoRandomSource(), TimeProvider.System), new CryptoRandomSource(), TimeProvider.System);
        var nodeB = new ActionTokens(db.Database, new InstallationSecrets(db.Database, new CryptoRandomSource(), TimeProvider.System), new CryptoRandomSource(), TimeProvider.System);

        var issued = await db.Database.InTransactionAsync((c, t) => nodeA.IssueAsync(c, t, "login", "member:x", Week));

        Assert.True((await nodeB.CheckAsync(issued.Token, "login")).IsValid);
    }

    [Theory, SqliteData, PostgresData]
    public async Task The_same_seed_issues_the_token_it_issued_before_the_secret_helpers_were_shared(SqlDialect dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        var (tokens, _) = Create(db.Database);

        var issued = await db.Database.InTransactionAsync((c, t) => tokens.IssueAsync(c, t, "login", "member:abc", Week));

        // Captured before the change: the id and secret (random text) and the signature are unchanged.
        Assert.Equal($"oG3ucxc7VnMk.1794117600.{TokenSecretsTests.TokenSecret}.Wneii5qQOkVOYIf6wBYTUw", issued.Token);
        await using var connection = await db.Database.OpenAsync();
        Assert.Equal(TokenSecretsTests.TokenSecretHash, await connection.ExecuteScalarAsync<string>(
            "SELECT secret_hash FROM action_token WHERE id = @id", new { id = issued.Id }));
        Assert.True((await tokens.CheckAsync(issued.Token, "login")).IsValid);
    }

    private static (ActionTokens Tokens, ManualClock Clock) Create(Database database)
    {
        var clock = new ManualClock();
        var random = new SeededRandomSource();
        return (new ActionTokens(database, new InstallationSecrets(database, random, clock), random, clock), clock);
    }

    private static string Flip(string part) => (part[0] == 'A' ? 'B' : 'A') + part[1..];
}
