using System.Text;
using TldOps.Core.Membership;
using TldOps.Core.Membership.Roster;
using TldOps.Core.Registry;
using TldOps.Core.Storage;
using TldOps.Testing;

namespace TldOps.Core.Tests.Membership;

public sealed class MailmanRosterTests
{
    // As `list_members -f tld-ops` prints today's list (names with commas come quoted).
    private const string Roster = """
        "Jeanne Martin, #1, .fr, +33 1 39 30 83 00" <jeanne.martin@nic.fr>
        "Pierre Bernard, #2, .fr, +33 1 39 30 83 10, +33 6 12 34 56 78" <pierre.bernard@nic.fr>
        "Wanjiru Kamau, #1, .ke, +254 20 4450057" <wanjiru@kenic.or.ke>
        "Pérez, María José, #1, .cl, +56 2 2940 7700" <mjperez@nic.cl>
        "Иван Петров, #1, .рф, +7 495 730 29 71" <ivan@cctld.ru>
        "John Smith, #3, .us, +1 571 434 5757" <john@nic.us>
        """;

    private static MemberImporter Importer(VettingFixture f) => new(f.Members, f.CcTlds, [new MemberCsvImporter(), new MailmanRosterFormat()]);

    [Theory, SqliteData, PostgresData]
    public async Task Today_s_roster_is_recognised_and_imported_with_phones_in_E164(SqlDialect dialect)
    {
        await using var f = await VettingFixture.CreateAsync(dialect, importIana: false);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Roster));

        var report = await Importer(f).ImportAsync("tld-ops-members.txt", stream);

        Assert.True(report.Succeeded, string.Join("\n", report.Errors));
        Assert.Equal("mailman", report.Format);
        var members = await f.Members.ListAsync();
        Assert.Equal(6, members.Count);
        var pierre = members.Single(m => m.Email == "pierre.bernard@nic.fr");
        Assert.Equal(("Pierre Bernard", "+33139308310", "+33612345678"), (pierre.Name, pierre.OfficePhone!.E164, pierre.MobilePhone!.E164));
        Assert.Equal("Pérez, María José", members.Single(m => m.CcTld == "cl").Name);
        Assert.Equal("xn--p1ai", members.Single(m => m.Email == "ivan@cctld.ru").CcTld);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Unreadable_rows_are_reported_by_line_and_nothing_is_imported(SqlDialect dialect)
    {
        await using var f = await VettingFixture.CreateAsync(dialect, importIana: false);
        var roster = Roster + "\n"
            + "secretariat@tld-ops.example\n"
            + "\"Anonymous\" <anon@example.org>\n"
            + "\"Bad Phone, #1, .de, 069 27235 0\" <bad@denic.de>\n"
            + "\"Nowhere, #1, .zz, +1 555 0100 000\" <x@nowhere.example>\n";
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(roster));

        var report = await Importer(f).ImportAsync("roster.txt", stream, format: "mailman");

        Assert.False(report.Succeeded);
        Assert.Equal([7, 8, 9, 10], report.Errors.Select(e => e.Line).Distinct());
        Assert.Contains(report.Errors, e => e.Line == 9 && e.Field == "phone");
        Assert.Contains(report.Errors, e => e.Line == 10 && e.Field == "ccTLD");
        Assert.Empty(await f.Members.ListAsync());
    }

    [Theory]
    [InlineData("members.csv", "ccTLD,name,email,phone\nfr,A,a@nic.fr,+33139308300\n", "csv")]
    [InlineData("list.txt", "\"A, #1, .fr, +33139308300\" <a@nic.fr>\n", "mailman")]
    [InlineData("list.txt", "Jeanne Martin, #1, .fr, +33139308300 <a@nic.fr>\n", "mailman")]
    public void Formats_recognise_their_own_files_only(string name, string content, string expected)
    {
        IMemberRosterFormat[] formats = [new MemberCsvImporter(), new MailmanRosterFormat()];
        var bytes = Encoding.UTF8.GetBytes(content);
        Assert.Equal(expected, Assert.Single(formats, f => f.Recognises(name, bytes)).Name);
    }
}
