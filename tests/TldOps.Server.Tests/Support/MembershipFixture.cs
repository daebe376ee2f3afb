using TldOps.Core.Common;
using TldOps.Core.Coverage;
using TldOps.Core.Membership;
using TldOps.Core.Registry;
using TldOps.Core.Storage;
using TldOps.Testing;

namespace TldOps.Server.Tests.Support;

/// <summary>A migrated test database loaded with <see cref="TestCatalog"/>, and the membership services over it.</summary>
internal sealed class MembershipFixture : IAsyncDisposable
{
    private MembershipFixture(TestDatabase database, ManualClock clock, IRandomSource random)
    {
        Db = database;
        Clock = clock;
        CcTlds = new CcTldStore(database.Database, clock);
        Members = new MemberStore(database.Database, clock, random);
        Importer = new MemberImporter(Members, CcTlds, [new MemberCsvImporter()]);
        Coverage = new CoverageService(CcTlds, Members);
    }

    public TestDatabase Db { get; }

    public ManualClock Clock { get; }

    public CcTldStore CcTlds { get; }

    public MemberStore Members { get; }

    public MemberImporter Importer { get; }

    public CoverageService Coverage { get; }

    public static async Task<MembershipFixture> CreateAsync(SqlDialect dialect, CcTldCatalog? catalog = null, IRandomSource? random = null)
    {
        var db = await TestDatabase.CreateAsync(dialect);
        var fixture = new MembershipFixture(db, new ManualClock(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero)), random ?? new CryptoRandomSource());
        await fixture.CcTlds.SyncReferenceDataAsync(catalog ?? TestCatalog.Create());
        return fixture;
    }

    /// <summary>Imports CSV text (header added) and fails the test when the import does not succeed.</summary>
    public async Task<MemberImportReport> ImportAsync(params string[] rows)
    {
        var report = await ImportCsvAsync("ccTLD,name,email,phone\n" + string.Join("\n", rows) + "\n");
        Assert.True(report.Succeeded, string.Join("\n", report.Errors));
        return report;
    }

    public async Task<MemberImportReport> ImportCsvAsync(string csv, MemberImportOptions? options = null, bool dryRun = false)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv));
        return await Importer.ImportAsync("members.csv", stream, options, dryRun: dryRun);
    }

    public ValueTask DisposeAsync() => Db.DisposeAsync();
}
