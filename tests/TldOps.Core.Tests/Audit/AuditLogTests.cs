using TldOps.Core.Audit;
using TldOps.Core.Storage;
using TldOps.Testing;

namespace TldOps.Core.Tests.Audit;

public sealed class AuditLogTests
{
    [Theory, SqliteData, PostgresData]
    public async Task Entries_commit_with_their_change_and_list_newest_first(SqlDialect dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        var clock = new ManualClock();
        var log = new AuditLog(db.Database, clock);

        await db.Database.InTransactionAsync((c, t) => log.WriteAsync(c, t, new AuditEntry("admin-contact:fr", "join-approved", "fr", "join:1", "link:abc", """{"contacts":2}""")));
        clock.Advance(TimeSpan.FromMinutes(1));
        await db.Database.InTransactionAsync((c, t) => log.WriteAsync(c, t, new AuditEntry("operator", "member-added", "de", "member:x1", "cli")));
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.Database.InTransactionAsync(async (c, t) =>
        {
            await log.WriteAsync(c, t, new AuditEntry("system", "member-suspended", "fr", "member:y"));
            throw new InvalidOperationException("the change failed");
        }));

        var all = await log.ListAsync();
        var fr = await log.ListAsync(ccTld: "fr");

        Assert.Equal(["member-added", "join-approved"], all.Select(a => a.Action));
        var approved = Assert.Single(fr);
        Assert.Equal("link:abc", approved.Authority);
        Assert.Equal("""{"contacts":2}""", approved.Detail);
        Assert.Equal(clock.GetUtcNow().AddMinutes(-1), approved.At);
    }
}
