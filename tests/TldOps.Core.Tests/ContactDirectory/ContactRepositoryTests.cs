using System.Text;
using CsvHelper;
using Microsoft.Extensions.Logging.Abstractions;
using TldOps.Core.Common;
using TldOps.Core.ContactDirectory;
using TldOps.Core.Scheduling;
using TldOps.Core.Storage;
using TldOps.Core.Storage.Queues;
using TldOps.Core.Tests.Membership;
using TldOps.Mail.Mime;
using TldOps.Testing;

namespace TldOps.Core.Tests.ContactDirectory;

public sealed class ContactRepositoryTests
{
    [Fact]
    public async Task The_repository_groups_active_cctld_contacts_by_region_then_cctld()
    {
        await using var f = await VettingFixture.CreateAsync(SqlDialect.Sqlite, importIana: false);
        await RepositoryData.SeedAsync(f);

        var snapshot = await f.Repository.BuildAsync();

        Assert.Equal(["eg", "ke", "cn", "fr", "xn--p1ai", "cl", "us"], snapshot.CcTlds.Select(t => t.Code));
        Assert.Equal(8, snapshot.PeopleCount);
        Assert.Equal(["Alexandre-Maximilien de la Tour d'Auvergne-Lauraguais, dit « Max »", "Jeanne Martin"], snapshot.CcTlds.Single(t => t.Code == "fr").Contacts.Select(c => c.Name));
        var us = snapshot.CcTlds.Single(t => t.Code == "us").Contacts.Single();
        Assert.True(us.Bouncing);
        Assert.True(snapshot.CcTlds.Single(t => t.Code == "cl").Contacts.Single().Unverified);
    }

    [Fact]
    public async Task The_text_fits_80_columns_in_every_language_and_carries_the_headings_flags_and_details()
    {
        await using var f = await VettingFixture.CreateAsync(SqlDialect.Sqlite, importIana: false);
        await RepositoryData.SeedAsync(f);
        var snapshot = await f.Repository.BuildAsync();

        foreach (var language in Language.All)
        {
            var text = ContactRepositoryService.RenderText(snapshot, language);
            var lines = text.Split('\n');
            Assert.All(lines, line => Assert.True(DisplayWidth.Of(line) <= 80, $"{language}: {DisplayWidth.Of(line)} columns: {line}"));
            Assert.Contains("jeanne.martin@nic.fr", text, StringComparison.Ordinal);
            Assert.Contains("+33612345678", text, StringComparison.Ordinal);
            Assert.Contains("0123 4567 89AB CDEF", text, StringComparison.Ordinal);
            Assert.DoesNotContain("liaison@ssac.example", text, StringComparison.Ordinal);
        }

        var english = ContactRepositoryService.RenderText(snapshot, "en");
        Assert.True(english.IndexOf("AFRICA", StringComparison.Ordinal) < english.IndexOf("EUROPE", StringComparison.Ordinal));
        Assert.Contains("John Smith [BOUNCING]", english, StringComparison.Ordinal);
        Assert.Contains("María José Pérez [UNVERIFIED]", english, StringComparison.Ordinal);
        Assert.Contains("Verified  2026-10-05", english, StringComparison.Ordinal);
        Assert.Contains("EUROPA", ContactRepositoryService.RenderText(snapshot, "es"), StringComparison.Ordinal);
        Assert.Contains("欧洲", ContactRepositoryService.RenderText(snapshot, "zh"), StringComparison.Ordinal);
        Assert.Contains("أوروبا", ContactRepositoryService.RenderText(snapshot, "ar"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_CSV_reads_back_with_CsvHelper_field_for_field()
    {
        await using var f = await VettingFixture.CreateAsync(SqlDialect.Sqlite, importIana: false);
        await RepositoryData.SeedAsync(f);
        var snapshot = await f.Repository.BuildAsync();

        var rows = ReadCsv(ContactRepositoryService.ExportCsv(snapshot));

        Assert.Equal(8, rows.Count);
        var ke = rows.Single(r => r["cctld"] == "ke");
        Assert.Equal(("africa", "Wanjiru Kamau; CSIRT, Nairobi", "+254204450057", "no"), (ke["region"], ke["name"], ke["office_phone"], ke["bouncing"]));
        var ru = rows.Single(r => r["cctld"] == "xn--p1ai");
        Assert.Equal((".рф", "Иван Петров", "", "+79160000000"), (ru["cctld_unicode"], ru["name"], ru["office_phone"], ru["mobile_phone"]));
        Assert.Equal(RepositoryData.Fingerprint, rows.Single(r => r["email"] == "jeanne.martin@nic.fr")["key_fingerprint"]);
        Assert.Equal(("2026-10-05", "yes"), (rows.Single(r => r["cctld"] == "us")["verified"], rows.Single(r => r["cctld"] == "us")["bouncing"]));
    }

    [Fact]
    public async Task VCard_lines_are_escaped_and_folded_at_75_octets_without_splitting_characters()
    {
        await using var f = await VettingFixture.CreateAsync(SqlDialect.Sqlite, importIana: false);
        await RepositoryData.SeedAsync(f);
        var bytes = ContactRepositoryService.ExportVCard(await f.Repository.BuildAsync());

        var text = Encoding.UTF8.GetString(bytes);
        Assert.DoesNotContain("\n", text.Replace("\r\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        foreach (var line in text.Split("\r\n"))
        {
            Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, line);
        }

        var unfolded = text.Replace("\r\n ", string.Empty, StringComparison.Ordinal);
        Assert.Contains("FN:Wanjiru Kamau\\; CSIRT\\, Nairobi\r\n", unfolded, StringComparison.Ordinal);
        Assert.Contains("TEL;VALUE=uri;TYPE=\"cell,voice,text\":tel:+79160000000\r\n", unfolded, StringComparison.Ordinal);
        Assert.Equal(8, unfolded.Split("BEGIN:VCARD").Length - 1);
        Assert.Equal("a\\\\b\\,c\\;d\\ne", VCardWriter.Escape("a\\b,c;d\ne"));
    }

    [RequiresPythonModuleFact("vobject", "python3-vobject")]
    public async Task Python_vobject_reads_every_card()
    {
        await using var f = await VettingFixture.CreateAsync(SqlDialect.Sqlite, importIana: false);
        await RepositoryData.SeedAsync(f);
        var vcards = Encoding.UTF8.GetString(ContactRepositoryService.ExportVCard(await f.Repository.BuildAsync()));
        const string Script = """
            import sys, json, vobject
            cards = []
            for card in vobject.readComponents(sys.stdin.read()):
                cards.append({
                    "version": card.version.value,
                    "fn": card.fn.value,
                    "email": card.email.value,
                    "tel": [t.value for t in card.contents.get("tel", [])],
                    "org": card.org.value,
                    "note": card.note.value,
                })
            print(json.dumps(cards, ensure_ascii=False))
            """;

        var python = PythonModule.Find("vobject") ?? throw new InvalidOperationException("python3 with vobject is required (apt-get install python3-vobject).");
        var (exit, output, error) = PythonModule.Run(python, ["-c", Script], TimeSpan.FromSeconds(60), vcards);

        Assert.True(exit == 0, error);
        var cards = System.Text.Json.JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
        Assert.Equal(8, cards.Count);
        Assert.All(cards, c => Assert.Equal("4.0", c.GetProperty("version").GetString()));
        var ke = cards.Single(c => c.GetProperty("email").GetString() == "wanjiru@kenic.or.ke");
        Assert.Equal("Wanjiru Kamau; CSIRT, Nairobi", ke.GetProperty("fn").GetString());
        Assert.Equal("tel:+254204450057", ke.GetProperty("tel")[0].GetString());
        var cn = cards.Single(c => c.GetProperty("email").GetString() == "wang@cnnic.cn");
        Assert.Equal("王小明", cn.GetProperty("fn").GetString());
        var fr = cards.Single(c => c.GetProperty("email").GetString() == "jeanne.martin@nic.fr");
        Assert.Contains("OpenPGP 0123 4567 89AB CDEF", fr.GetProperty("note").GetString(), StringComparison.Ordinal);
    }

    [Theory, SqliteData, PostgresData]
    public async Task The_monthly_mail_reaches_every_active_member_once_across_two_nodes_and_a_restart(SqlDialect dialect)
    {
        await using var f = await VettingFixture.CreateAsync(dialect, importIana: false);
        var members = await RepositoryData.SeedAsync(f);
        f.Clock.Set(new DateTimeOffset(2026, 12, 1, 5, 59, 0, TimeSpan.Zero));
        Scheduler Node(string name)
        {
            var runs = new ScheduledRunStore(f.Database, new NodeIdentity(name), f.Clock);
            var service = new ContactRepositoryService(f.Database, f.Members, f.Vetting, f.DeliveryHealth, f.CcTlds, runs, f.Mailer, f.Options, f.Clock);
            return new Scheduler([new ContactRepositoryJob(service, CronExpression.Parse("0 6 1 * *"))], runs, f.Clock, new SchedulerOptions(), NullLogger<Scheduler>.Instance);
        }

        var (a, b) = (Node("a"), Node("b"));
        Assert.Empty(await a.RunDueAsync());
        f.Clock.Advance(TimeSpan.FromMinutes(1));
        var ran = await Task.WhenAll(a.RunDueAsync(), b.RunDueAsync(), a.RunDueAsync());
        f.Clock.Advance(TimeSpan.FromHours(2));
        var restarted = await Node("a").RunDueAsync();

        Assert.Equal(1, ran.Sum(r => r.Count) + restarted.Count);
        var monthly = (await f.MailsAsync()).Where(m => m.Entry.Correlation == "repository:2026-12-01T06:00Z").ToList();
        Assert.All(monthly, m => Assert.Equal(QueuePriority.Bulk, m.Entry.Priority));
        var recipients = monthly.SelectMany(m => m.Entry.RecipientList).ToList();
        Assert.Equal(members.Select(m => m.Email).Order(StringComparer.Ordinal), recipients.Order(StringComparer.Ordinal));
        var french = monthly.Single(m => m.Entry.RecipientList.Contains("jeanne.martin@nic.fr"));
        Assert.Equal("Répertoire des contacts TLD-OPS, 2026-12-01", french.Subject);
        Assert.Equal("fr", french.Message.Headers["Content-Language"]);
        var attachments = french.Message.Attachments.ToList();
        Assert.Equal(2, attachments.Count);
        var csv = attachments.Single(a => a.ContentType.MimeType == "text/csv");
        Assert.Equal(8, ReadCsv(csv.GetDecodedContent()).Count);
        var vcard = attachments.Single(a => a.ContentType.MimeType == "text/vcard");
        Assert.StartsWith("BEGIN:VCARD\r\nVERSION:4.0", Encoding.UTF8.GetString(vcard.GetDecodedContent()), StringComparison.Ordinal);
        Assert.Contains("RÉPERTOIRE", french.Body.ToUpperInvariant(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_finds_contacts_by_name_address_phone_and_cctlds_by_country_in_any_language()
    {
        await using var f = await VettingFixture.CreateAsync(SqlDialect.Sqlite, importIana: false);
        await RepositoryData.SeedAsync(f);

        Assert.Equal(["fr"], (await f.Repository.SearchAsync("jeanne")).CcTlds.Select(t => t.Code));
        Assert.Equal(["ke"], (await f.Repository.SearchAsync("4450057")).CcTlds.Select(t => t.Code));
        Assert.Equal(["xn--p1ai"], (await f.Repository.SearchAsync("рф")).CcTlds.Select(t => t.Code));
        Assert.Equal(2, (await f.Repository.SearchAsync("Francia")).CcTlds.Single().Contacts.Count);
        Assert.Empty((await f.Repository.SearchAsync("nobody-here")).CcTlds);
        Assert.Equal(8, (await f.Repository.SearchAsync("  ")).PeopleCount);
    }

    private static List<Dictionary<string, string>> ReadCsv(byte[] bytes)
    {
        using var reader = CsvReader.Create(bytes, new CsvReaderOptions { HasHeader = true });
        var rows = new List<Dictionary<string, string>>();
        while (reader.Read())
        {
            rows.Add(reader.Headers.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => reader.GetString(x.i)));
        }

        Assert.Equal(ContactRepositoryCsv.Columns, reader.Headers);
        return rows;
    }
}
