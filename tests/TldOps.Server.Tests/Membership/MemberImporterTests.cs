using System.Text;
using TldOps.Core.Membership;
using TldOps.Core.Storage;
using TldOps.Server.Tests.Support;
using TldOps.Testing;

namespace TldOps.Server.Tests.Membership;

public sealed class MemberImporterTests
{
    private const string Header = "ccTLD,name,email,phone\n";

    [Theory, SqliteData, PostgresData]
    public async Task A_good_file_is_imported_whole(SqlDialect dialect)
    {
        await using var f = await MembershipFixture.CreateAsync(dialect);

        var report = await f.ImportCsvAsync(Header +
            ".fr,Régis Massé,regis.masse@afnic.fr,+33 1 39 30 83 00\n" +
            "DE,\"Lansing, Erwin\",cert@denic.de,+49 69 27235 0\n" +
            "рф,Иван Петров,noc@cctld.ru,+7 495 730-29-71\n" +
            "xn--mgbaam7a8h,فاطمة,noc@aeda.ae,+971 4 777 3333\n");

        Assert.True(report.Succeeded, string.Join("\n", report.Errors));
        Assert.True(report.Committed);
        Assert.Equal("csv", report.Format);
        Assert.Equal(4, report.Entries);
        Assert.Equal(4, report.Added.Count);
        var stored = await f.Members.ListAsync();
        Assert.Equal(["de", "fr", "xn--mgbaam7a8h", "xn--p1ai"], stored.Select(m => m.CcTld).Order(StringComparer.Ordinal));
        var erwin = Assert.Single(stored, m => m.CcTld == "de");
        Assert.Equal("Lansing, Erwin", erwin.Name);
        Assert.Equal("+4969272350", erwin.OfficePhone?.E164);
        Assert.All(stored, m => Assert.Equal(MemberStatus.Active, m.Status));
    }

    [Theory, SqliteData, PostgresData]
    public async Task One_bad_row_means_nothing_is_imported(SqlDialect dialect)
    {
        await using var f = await MembershipFixture.CreateAsync(dialect);

        var report = await f.ImportCsvAsync(Header +
            "fr,Régis Massé,regis.masse@afnic.fr,+33 1 39 30 83 00\n" +
            "de,Erwin Lansing,cert@denic.de,069 27235 0\n" +
            "jp,Taro,noc@jprs.jp,+81 3 5215 8451\n");

        Assert.False(report.Succeeded);
        Assert.False(report.Committed);
        var error = Assert.Single(report.Errors);
        Assert.Equal(3, error.Line);
        Assert.Equal("phone", error.Field);
        Assert.Contains("country code", error.Reason, StringComparison.Ordinal);
        Assert.Empty(await f.Members.ListAsync());
    }

    [Theory, SqliteData, PostgresData]
    public async Task Every_bad_row_is_reported_with_its_line_and_reason(SqlDialect dialect)
    {
        await using var f = await MembershipFixture.CreateAsync(dialect);

        var report = await f.ImportCsvAsync(Header +
            "zz,Nobody,nobody@example.org,+1 613 291 1619\n" +          // 2: not a ccTLD
            "fr,,empty@afnic.fr,+33 1 39 30 83 00\n" +                    // 3: no name
            "fr,Bad Address,bad-address,+33 1 39 30 83 00\n" +            // 4: email
            "fr,No Phone,nophone@afnic.fr,\n" +                           // 5: phone missing
            "\n" +                                                        // 6: blank, skipped
            "de,Erwin,cert@denic.de,+49 69 27235 0\n" +                  // 7: fine
            "de,Erwin again,CERT@denic.de,+49 69 27235 0\n" +            // 8: duplicate of 7
            "de,\"Two\nLines\",two@denic.de,+49 69 27235 0\n" +         // 9-10: control character in name
            "ca,Short,short@cira.ca\n" +                                  // 11: field count
            ",Lost,lost@example.org,+1 613 291 1619\n");                 // 12: no ccTLD

        Assert.False(report.Succeeded);
        var lines = report.Errors.Select(e => (e.Line, e.Field)).ToList();
        Assert.Equal(
            [(2, "ccTLD"), (3, "name"), (4, "email"), (5, "phone"), (8, null), (9, "name"), (11, null), (12, "ccTLD")],
            lines);
        Assert.Contains("as line 7", report.Errors.Single(e => e.Line == 8).Reason, StringComparison.Ordinal);
        Assert.Contains("'zz'", report.Errors.Single(e => e.Line == 2).Reason, StringComparison.Ordinal);
        Assert.Empty(await f.Members.ListAsync());
    }

    [Theory, SqliteData, PostgresData]
    public async Task People_already_on_the_list_and_the_per_ccTLD_limit_are_checked(SqlDialect dialect)
    {
        await using var f = await MembershipFixture.CreateAsync(dialect);
        await f.ImportAsync("fr,Régis Massé,regis.masse@afnic.fr,+33 1 39 30 83 00");

        var report = await f.ImportCsvAsync(Header +
            "fr,Régis Massé,Regis.Masse@afnic.fr,+33 1 39 30 83 00\n" +
            "fr,Two,two@afnic.fr,+33 1 39 30 83 02\n" +
            "fr,Three,three@afnic.fr,+33 1 39 30 83 03\n" +
            "fr,Four,four@afnic.fr,+33 1 39 30 83 04\n");

        Assert.Equal([2, 5], report.Errors.Select(e => e.Line));
        Assert.Contains("already on the list for .fr", report.Errors[0].Reason, StringComparison.Ordinal);
        Assert.Contains("at most 3 per ccTLD", report.Errors[1].Reason, StringComparison.Ordinal);
        Assert.Single(await f.Members.ListAsync());

        var options = MemberImportOptions.Default.Clone();
        options.MaxContactsPerCcTld = 4;
        var relaxed = await f.ImportCsvAsync(Header +
            "fr,Two,two@afnic.fr,+33 1 39 30 83 02\n" +
            "fr,Three,three@afnic.fr,+33 1 39 30 83 03\n" +
            "fr,Four,four@afnic.fr,+33 1 39 30 83 04\n", options);
        Assert.True(relaxed.Committed, string.Join("\n", relaxed.Errors));
        Assert.Equal(4, (await f.Members.CountActiveByCcTldAsync())["fr"]);
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_dry_run_validates_without_storing(SqlDialect dialect)
    {
        await using var f = await MembershipFixture.CreateAsync(dialect);

        var report = await f.ImportCsvAsync(Header + "fr,Régis Massé,regis.masse@afnic.fr,+33 1 39 30 83 00\n", dryRun: true);

        Assert.True(report.Succeeded);
        Assert.False(report.Committed);
        Assert.Equal("regis.masse@afnic.fr", Assert.Single(report.Accepted).Email);
        Assert.Empty(await f.Members.ListAsync());
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("fr,Régis,regis@afnic.fr,+33 1 39 30 83 00\n", "unknown column")]
    [InlineData("ccTLD,name,email\nfr,Régis,regis@afnic.fr\n", "no 'phone' column")]
    [InlineData("ccTLD,name,email,phone,email\n", "appears twice")]
    [InlineData("ccTLD,name,email,phone\n", "no entries")]
    public async Task The_header_is_required_and_checked(string csv, string reasonPart)
    {
        await using var f = await MembershipFixture.CreateAsync(SqlDialect.Sqlite);

        var report = await f.ImportCsvAsync(csv);

        Assert.False(report.Succeeded);
        Assert.Contains(report.Errors, e => e.Reason.Contains(reasonPart, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Spreadsheet_exports_with_a_byte_order_mark_and_semicolons_are_read()
    {
        await using var f = await MembershipFixture.CreateAsync(SqlDialect.Sqlite);
        var bytes = Encoding.UTF8.GetPreamble()
            .Concat(Encoding.UTF8.GetBytes("CCTLD;Name;Email;Phone\r\n" +
                "fr;Régis Massé;regis.masse@afnic.fr;+33 1 39 30 83 00\r\n"))
            .ToArray();

        var report = await f.Importer.ImportAsync("export.txt", new MemoryStream(bytes), format: "csv");

        Assert.True(report.Committed, string.Join("\n", report.Errors));
        Assert.Equal("Régis Massé", Assert.Single(await f.Members.ListAsync()).Name);
    }

    [Fact]
    public async Task A_file_that_is_not_UTF8_is_refused_naming_the_offset()
    {
        await using var f = await MembershipFixture.CreateAsync(SqlDialect.Sqlite);
        var latin1 = Encoding.Latin1.GetBytes(Header + "fr,Régis Massé,regis.masse@afnic.fr,+33 1 39 30 83 00\n");

        var report = await f.Importer.ImportAsync("members.csv", new MemoryStream(latin1));

        var error = Assert.Single(report.Errors);
        Assert.Contains("not UTF-8", error.Reason, StringComparison.Ordinal);
        Assert.Contains($"offset {Header.Length + 4}", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_file_size_and_row_limits_are_enforced()
    {
        await using var f = await MembershipFixture.CreateAsync(SqlDialect.Sqlite);
        var rows = Header +
            "fr,One,one@afnic.fr,+33 1 39 30 83 01\n" +
            "fr,Two,two@afnic.fr,+33 1 39 30 83 02\n" +
            "fr,Three,three@afnic.fr,+33 1 39 30 83 03\n";

        var fewRows = MemberImportOptions.Default.Clone();
        fewRows.MaxRows = 2;
        var tooMany = await f.ImportCsvAsync(rows, fewRows);
        Assert.Contains(tooMany.Errors, e => e.Line == 4 && e.Reason.Contains("more than 2 entries", StringComparison.Ordinal));

        var fewBytes = MemberImportOptions.Default.Clone();
        fewBytes.MaxFileBytes = Encoding.UTF8.GetByteCount(rows) - 1;
        var tooLarge = await f.ImportCsvAsync(rows, fewBytes);
        Assert.Contains("larger than", Assert.Single(tooLarge.Errors).Reason, StringComparison.Ordinal);

        fewBytes.MaxFileBytes = Encoding.UTF8.GetByteCount(rows);
        Assert.True((await f.ImportCsvAsync(rows, fewBytes)).Committed);
    }

    [Fact]
    public async Task The_format_is_detected_or_named()
    {
        await using var f = await MembershipFixture.CreateAsync(SqlDialect.Sqlite);
        var csv = Encoding.UTF8.GetBytes(Header + "fr,Régis,regis@afnic.fr,+33 1 39 30 83 00\n");

        var detected = await f.Importer.ImportAsync("roster", new MemoryStream(csv), dryRun: true);
        Assert.Equal("csv", detected.Format);

        var unknown = await f.Importer.ImportAsync("roster.bin", new MemoryStream([0x00, 0x01]), dryRun: true);
        Assert.Contains("not recognised", Assert.Single(unknown.Errors).Reason, StringComparison.Ordinal);

        var named = await f.Importer.ImportAsync("roster", new MemoryStream(csv), format: "mailman", dryRun: true);
        Assert.Contains("unknown format 'mailman'", Assert.Single(named.Errors).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_options_defaults_are_frozen()
    {
        Assert.True(MemberImportOptions.Default.IsFrozen);
        Assert.Throws<InvalidOperationException>(() => MemberImportOptions.Default.MaxRows = 1);
        Assert.Equal(3, MemberImportOptions.Default.MaxContactsPerCcTld);
        Assert.False(MemberImportOptions.Default.Clone().IsFrozen);
    }
}
