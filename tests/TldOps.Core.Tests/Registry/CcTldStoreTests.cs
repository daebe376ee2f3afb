using TldOps.Core.Registry;
using TldOps.Core.Storage;
using TldOps.Testing;

namespace TldOps.Core.Tests.Registry;

public sealed class CcTldStoreTests
{
    [Theory, SqliteData, PostgresData]
    public async Task Reference_data_loads_once_and_reads_back_whole(SqlDialect dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        var store = new CcTldStore(db.Database, TimeProvider.System);

        Assert.True(await store.SyncReferenceDataAsync(CcTldCatalog.Shipped));
        Assert.False(await store.SyncReferenceDataAsync(CcTldCatalog.Shipped));

        var stored = await store.ListAsync();
        Assert.Equal(CcTldCatalog.Shipped.All.Count, stored.Count);
        foreach (var expected in CcTldCatalog.Shipped.All)
        {
            var actual = Assert.Single(stored, s => s.Code == expected.Code);
            Assert.Equal(expected.ULabel, actual.ULabel);
            Assert.Equal(expected.Kind, actual.Kind);
            Assert.Equal(expected.Region, actual.Region);
            Assert.True(actual.Delegated);
            Assert.Equal(expected.RegionalOrganisations.Order(), actual.RegionalOrganisations.Order());
            Assert.Equal(expected.Names.OrderBy(n => n.Key), actual.Names.OrderBy(n => n.Key));
        }

        // One by code reads back the same, names and regional organisations included.
        foreach (var code in new[] { "fr", "eg", "xn--p1ai" })
        {
            var listed = Assert.Single(stored, s => s.Code == code);
            var found = await store.FindAsync(code);
            Assert.NotNull(found);
            Assert.Equal((listed.ULabel, listed.Kind, listed.Region, listed.Delegated), (found.ULabel, found.Kind, found.Region, found.Delegated));
            Assert.Equal(listed.Names.OrderBy(n => n.Key), found.Names.OrderBy(n => n.Key));
            Assert.Equal(listed.RegionalOrganisations, found.RegionalOrganisations);
            Assert.NotEmpty(found.Names);
        }

        Assert.Null(await store.FindAsync("zz"));
        Assert.Null(await store.FindAsync("FR"));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Committee_edits_survive_a_reference_data_update(SqlDialect dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        var store = new CcTldStore(db.Database, TimeProvider.System);
        const string orgs = "code\tname\twebsite\nx\tX\thttps://x.example\ny\tY\thttps://y.example\n";
        const string header = "code\tu_label\tcountry\tscript\tsovereign\tregion\torganisations\ten\tfr\tes\tru\tzh\tar\n";
        var v1 = CcTldCatalog.Parse(header + "aa\t\tAA\t\t\teurope\tx\tA\tA\tA\tA\tA\tA\nbb\t\tBB\t\tAA\t\t\tB\tB\tB\tB\tB\tB\n", orgs);
        var v2 = CcTldCatalog.Parse(header + "aa\t\tAA\t\t\teurope\tx\tA2\tA\tA\tA\tA\tA\n", orgs);

        await store.SyncReferenceDataAsync(v1);
        Assert.True(await store.SetRegionOverrideAsync("aa", IcannRegion.Africa));
        await store.SetRegionalOrganisationsAsync("aa", ["y"]);
        await store.SyncReferenceDataAsync(v2);

        var stored = await store.ListAsync();
        var aa = Assert.Single(stored, s => s.Code == "aa");
        Assert.Equal(IcannRegion.Africa, aa.Region);
        Assert.True(aa.RegionOverridden);
        Assert.Equal(["y"], aa.RegionalOrganisations);
        Assert.Equal("A2", aa.Name("en"));
        var bb = Assert.Single(stored, s => s.Code == "bb");
        Assert.False(bb.Delegated);
        Assert.Equal(IcannRegion.Europe, bb.Region);
    }
}
