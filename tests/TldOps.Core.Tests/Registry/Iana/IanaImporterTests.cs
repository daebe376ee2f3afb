using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using TldOps.Core.Common;
using TldOps.Core.Registry;
using TldOps.Core.Registry.Iana;
using TldOps.Core.Storage;
using TldOps.Testing;

namespace TldOps.Core.Tests.Registry.Iana;

public sealed class IanaImporterTests
{
    private static (DelegationStore Store, IanaImporter Importer) Create(TestDatabase db, IanaImportOptions? options = null)
    {
        var store = new DelegationStore(db.Database, TimeProvider.System);
        return (store, new IanaImporter(store, NullLogger<IanaImporter>.Instance, options));
    }

    private static string De => File.ReadAllText(IanaCorpus.Current("DE"));

    [Theory, SqliteData, PostgresData]
    public async Task Importing_the_whole_corpus_folder_stores_every_tld(SqlDialect dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        var (store, importer) = Create(db);

        var report = await importer.ImportFilesAsync([IanaCorpus.Root]);

        Assert.Empty(report.Errors);
        Assert.Equal(2, report.SkippedFiles); // SOURCES.md and MANIFEST.tsv
        Assert.Equal(624, report.Outcomes.Count);
        var stored = await store.ListAsync();
        // Every TLD named by a record file; YU only ever answered "not found".
        var tlds = IanaCorpus.AllAnswerFiles().Select(f => Path.GetFileName(f).ToLowerInvariant()).Where(t => t != "yu").Distinct().Count();
        Assert.Equal(tlds, stored.Count);
        Assert.Equal(tlds, report.Counts.Added);
        Assert.Equal(DelegationOutcomeKind.NotFound, Assert.Single(report.Outcomes, o => o.Tld == "yu").Kind);
        Assert.Null(await store.GetAsync("yu"));

        // DE is in the corpus three times; its records apply oldest first, so the current one is stored.
        Assert.Equal(
            [DelegationOutcomeKind.Added, DelegationOutcomeKind.Changed, DelegationOutcomeKind.Changed],
            report.Outcomes.Where(o => o.Tld == "de").Select(o => o.Kind));
        var de = (await store.GetAsync(".DE"))!;
        Assert.Equal("ianacontact@denic.de", de.Delegation.AdministrativeContact!.Email);
        Assert.Equal(report.ImportId, de.ImportId);

        var run = (await store.GetImportAsync(report.ImportId))!;
        Assert.NotNull(run.FinishedAt);
        Assert.Equal(report.Counts, run.Counts);

        // What membership work needs of every ccTLD: its admin contact and manager.
        var byTld = stored.ToDictionary(s => s.Delegation.Tld);
        Assert.All(CcTldCatalog.Shipped.All, cctld =>
        {
            var delegation = byTld[cctld.Code].Delegation;
            Assert.Equal(cctld.ULabel, delegation.ULabel);
            Assert.NotNull(delegation.AdministrativeContact?.Email);
            Assert.NotNull(delegation.ManagerOrganisation);
        });
    }

    [Theory, SqliteData, PostgresData]
    public async Task Stored_records_read_back_field_for_field(SqlDialect dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        var (store, importer) = Create(db);
        var parser = new WhoisRecordParser();
        var files = Directory.GetFiles(IanaCorpus.Root).Where(f => !Path.GetFileName(f).Contains('.', StringComparison.Ordinal)).ToList();

        var report = await importer.ImportFilesAsync(files);

        Assert.Empty(report.Errors);
        var stored = (await store.ListAsync()).ToDictionary(s => s.Delegation.Tld);
        Assert.Equal(files.Count, stored.Count);
        foreach (var file in files)
        {
            var parsed = parser.Parse(File.ReadAllBytes(file)).Delegation!;
            Assert.Equal(DelegationFields.Flatten(parsed), DelegationFields.Flatten(stored[parsed.Tld].Delegation));
            Assert.True(stored[parsed.Tld].Delegated);
        }

        var rf = (await store.GetAsync("рф"))!.Delegation;
        Assert.Equal("xn--p1ai", rf.Tld);
        Assert.Equal(DelegationFormat.Whois, rf.Format);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Old_format_then_current_records_each_changed_field(SqlDialect dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        var (store, importer) = Create(db);

        var first = await importer.ImportFilesAsync([IanaCorpus.Legacy("DE")]);
        var second = await importer.ImportFilesAsync([IanaCorpus.Current("DE")]);

        Assert.Equal(DelegationOutcomeKind.Added, Assert.Single(first.Outcomes).Kind);
        var outcome = Assert.Single(second.Outcomes);
        Assert.Equal(DelegationOutcomeKind.Changed, outcome.Kind);
        var changes = (await store.ListChangesAsync("de", second.ImportId)).ToDictionary(c => c.Field);
        Assert.Equal(outcome.Changes.Select(c => c.Field).Order(), changes.Keys.Order());
        Assert.Equal(("vorstand@denic.de", "ianacontact@denic.de"), (changes["admin.email"].OldValue, changes["admin.email"].NewValue));
        Assert.Equal("Kaiserstrasse 75-77\nFrankfurt am Main 60329\nGermany", changes["manager.address"].OldValue);
        Assert.Equal((null, "26755 8 2 f341357809a5954311ccb82ade114c6c1d724a75c0395137aa3978035425e78d"), (changes["ds-records"].OldValue, changes["ds-records"].NewValue));
        Assert.Equal((null, "194.146.107.6 2001:67c:1011:1::53"), (changes["name-server:n.de.net"].OldValue, changes["name-server:n.de.net"].NewValue));
        Assert.Equal(("81.91.164.5 2001:608:6:6::10", "81.91.164.5 2a02:568:0:2::53"), (changes["name-server:f.nic.de"].OldValue, changes["name-server:f.nic.de"].NewValue));
        Assert.Equal(("2010-06-01", "2023-04-04"), (changes["changed"].OldValue, changes["changed"].NewValue));
        Assert.False(changes.ContainsKey("admin.name"));
        Assert.False(changes.ContainsKey("name-server:a.nic.de"));
        // The first import recorded every field of DE, with nothing before.
        var initial = await store.ListChangesAsync("de", first.ImportId);
        Assert.All(initial, c => Assert.Null(c.OldValue));
        Assert.Contains(initial, c => c.Field == "admin.email" && c.NewValue == "vorstand@denic.de");
    }

    [Theory, SqliteData, PostgresData]
    public async Task An_admin_contact_change_raises_exactly_one_event(SqlDialect dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        var (store, importer) = Create(db);
        using var folder = new TempDirectory();
        var original = folder.Combine("v1", "DE");
        var changed = folder.Combine("v2", "DE");
        Directory.CreateDirectory(Path.GetDirectoryName(original)!);
        Directory.CreateDirectory(Path.GetDirectoryName(changed)!);
        await File.WriteAllTextAsync(original, De);
        await File.WriteAllTextAsync(changed, De
            .Replace("name:         Vorstand DENIC eG", "name:         Jana Beispiel", StringComparison.Ordinal)
            .Replace("ianacontact@denic.de", "jana.beispiel@denic.de", StringComparison.Ordinal)
            .Replace("changed:      2023-04-04", "changed:      2024-06-01", StringComparison.Ordinal));

        var first = await importer.ImportFilesAsync([original]);
        Assert.Empty(await store.ListEventsAsync(unhandledOnly: false));
        var second = await importer.ImportFilesAsync([changed]);
        var third = await importer.ImportFilesAsync([changed]);

        Assert.False(Assert.Single(first.Outcomes).AdminContactChanged);
        Assert.Equal(["de"], second.AdminContactChanges);
        Assert.Equal(DelegationOutcomeKind.Unchanged, Assert.Single(third.Outcomes).Kind);
        var pending = Assert.Single(await store.ListEventsAsync(unhandledOnly: true));
        Assert.Equal(RegistryEventKinds.AdminContactChanged, pending.Kind);
        Assert.Equal("de", pending.Tld);
        Assert.Equal(second.ImportId, pending.ImportId);
        using var detail = JsonDocument.Parse(pending.Detail);
        Assert.Equal("ianacontact@denic.de", detail.RootElement.GetProperty("old").GetProperty("email").GetString());
        Assert.Equal("Jana Beispiel", detail.RootElement.GetProperty("new").GetProperty("name").GetString());
        Assert.Equal(["admin.name", "admin.email"], detail.RootElement.GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        Assert.Contains("\"phone\":\"+49 69 27235 0\"", pending.Detail, StringComparison.Ordinal);

        var handled = await store.MarkHandledAsync(pending.Id);
        Assert.True(handled.IsSuccess);
        Assert.NotNull(handled.Value.HandledAt);
        Assert.Empty(await store.ListEventsAsync(unhandledOnly: true));
        Assert.Single(await store.ListEventsAsync(unhandledOnly: false));
        Assert.IsType<Conflict>((await store.MarkHandledAsync(pending.Id)).Problem);
        Assert.IsType<NotFound>((await store.MarkHandledAsync(pending.Id + 1000)).Problem);
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_new_admin_phone_is_a_change_but_not_a_new_contact(SqlDialect dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        var (store, importer) = Create(db);
        using var folder = new TempDirectory();
        Directory.CreateDirectory(folder.Combine("v2"));
        await File.WriteAllTextAsync(folder.Combine("DE"), De);
        await File.WriteAllTextAsync(folder.Combine("v2", "DE"), De.Replace("+49 69 27235 0", "+49 69 27235 1", StringComparison.Ordinal));

        await importer.ImportFilesAsync([folder.Combine("DE")]);
        var report = await importer.ImportFilesAsync([folder.Combine("v2", "DE")]);

        var change = Assert.Single(Assert.Single(report.Outcomes).Changes);
        Assert.Equal(new FieldChange("admin.phone", "+49 69 27235 0", "+49 69 27235 1"), change);
        Assert.Empty(report.AdminContactChanges);
        Assert.Empty(await store.ListEventsAsync(unhandledOnly: false));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Malformed_files_are_errors_naming_file_and_line_and_the_rest_imports(SqlDialect dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        var (store, importer) = Create(db);
        using var folder = new TempDirectory();
        File.Copy(IanaCorpus.Current("DE"), folder.Combine("DE"));
        File.Copy(IanaCorpus.Legacy("FR"), folder.Combine("FR"));
        var at = await File.ReadAllTextAsync(IanaCorpus.Current("AT"));
        await File.WriteAllTextAsync(folder.Combine("AT"), at[..at.IndexOf("nserver:", StringComparison.Ordinal)]);
        await File.WriteAllBytesAsync(folder.Combine("BE"), [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00]);
        var ch = await File.ReadAllTextAsync(IanaCorpus.Current("CH"));
        await File.WriteAllTextAsync(folder.Combine("CH"), ch.Replace("status:       ACTIVE", "status:       " + new string('A', 2000), StringComparison.Ordinal));
        var dk = await File.ReadAllTextAsync(IanaCorpus.Current("DK"));
        var dkName = dk.Split('\n').First(l => l.StartsWith("name:", StringComparison.Ordinal));
        await File.WriteAllTextAsync(folder.Combine("DK"), dk.Replace(dkName + "\n", string.Empty, StringComparison.Ordinal));
        await File.WriteAllTextAsync(folder.Combine("README.md"), "not a whois answer");

        var report = await importer.ImportFilesAsync([folder.Path]);

        Assert.Equal(1, report.SkippedFiles);
        Assert.Equal(["de", "fr"], report.Outcomes.Select(o => o.Tld));
        var errors = report.Errors.ToDictionary(e => Path.GetFileName(e.Origin));
        Assert.Equal(["AT", "BE", "CH", "DK"], errors.Keys.Order());
        Assert.All(report.Errors, e => Assert.StartsWith(folder.Path, e.Origin, StringComparison.Ordinal));
        Assert.Equal(at[..at.IndexOf("nserver:", StringComparison.Ordinal)].Count(c => c == '\n'), errors["AT"].Line);
        Assert.Contains("cut short", errors["AT"].Message, StringComparison.Ordinal);
        Assert.Equal(1, errors["BE"].Line);
        Assert.Equal(ch.Split('\n').ToList().FindIndex(l => l.StartsWith("status:", StringComparison.Ordinal)) + 1, errors["CH"].Line);
        Assert.Contains("1024-byte limit", errors["CH"].Message, StringComparison.Ordinal);
        Assert.Equal(dk.Split('\n').ToList().IndexOf("contact:      administrative") + 1, errors["DK"].Line);
        Assert.Matches(@"/DK:\d+: the administrative contact block has no 'name:' line$", errors["DK"].ToString());

        // Nothing of the malformed ones reached the store, not even a change row.
        foreach (var tld in (string[])["at", "be", "ch", "dk"])
        {
            Assert.Null(await store.GetAsync(tld));
            Assert.Empty(await store.ListChangesAsync(tld));
        }

        Assert.NotNull(await store.GetAsync("de"));
        Assert.Equal(4, (await store.GetImportAsync(report.ImportId))!.Counts.Errors);
    }

    [Theory, SqliteData, PostgresData]
    public async Task An_older_record_than_the_stored_one_is_not_applied(SqlDialect dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        var (store, importer) = Create(db);

        await importer.ImportFilesAsync([IanaCorpus.Current("DE")]);
        var report = await importer.ImportFilesAsync([IanaCorpus.Legacy("DE")]);

        Assert.Equal(DelegationOutcomeKind.Stale, Assert.Single(report.Outcomes).Kind);
        Assert.Equal(DelegationFormat.Whois, (await store.GetAsync("de"))!.Delegation.Format);
        Assert.Empty(await store.ListChangesAsync("de", report.ImportId));
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_not_found_answer_marks_a_stored_tld_removed_and_a_later_record_restores_it(SqlDialect dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        var (store, importer) = Create(db);
        using var folder = new TempDirectory();
        await File.WriteAllTextAsync(folder.Combine("DE"), "\nDomain de. not found.\n");

        await importer.ImportFilesAsync([IanaCorpus.Legacy("DE")]);
        var removal = await importer.ImportFilesAsync([folder.Combine("DE")]);
        var again = await importer.ImportFilesAsync([folder.Combine("DE")]);
        var back = await importer.ImportFilesAsync([IanaCorpus.Current("DE")]);

        Assert.Equal(DelegationOutcomeKind.Removed, Assert.Single(removal.Outcomes).Kind);
        Assert.Equal(DelegationOutcomeKind.NotFound, Assert.Single(again.Outcomes).Kind);
        var removed = Assert.Single(await store.ListEventsAsync(unhandledOnly: true), e => e.Kind == RegistryEventKinds.DelegationRemoved);
        Assert.Equal(removal.ImportId, removed.ImportId);
        var restored = Assert.Single(back.Outcomes);
        Assert.Equal(DelegationOutcomeKind.Changed, restored.Kind);
        Assert.Equal(new FieldChange(DelegationFields.Delegated, "no", "yes"), restored.Changes[0]);
        Assert.True((await store.GetAsync("de"))!.Delegated);
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_record_and_a_not_found_answer_in_one_import_leave_the_tld_stored_as_removed(SqlDialect dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        var (store, importer) = Create(db);
        using var folder = new TempDirectory();
        Directory.CreateDirectory(folder.Combine("later"));
        File.Copy(IanaCorpus.Legacy("DE"), folder.Combine("DE"));
        await File.WriteAllTextAsync(folder.Combine("later", "DE"), "Domain de. not found.\n");

        var report = await importer.ImportFilesAsync([folder.Path]);

        Assert.Equal([DelegationOutcomeKind.Added, DelegationOutcomeKind.Removed], report.Outcomes.Select(o => o.Kind));
        var stored = (await store.GetAsync("de"))!;
        Assert.False(stored.Delegated);
        Assert.Equal("vorstand@denic.de", stored.Delegation.AdministrativeContact!.Email);
        Assert.Equal(new FieldChange(DelegationFields.Delegated, "yes", "no"), report.Outcomes[1].Changes.Single());
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_file_named_after_another_tld_is_an_error(SqlDialect dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        var (store, importer) = Create(db);
        using var folder = new TempDirectory();
        File.Copy(IanaCorpus.Current("DE"), folder.Combine("fr.txt"));

        var report = await importer.ImportFilesAsync([folder.Path, folder.Combine("missing")]);

        Assert.Empty(report.Outcomes);
        Assert.Equal(2, report.Errors.Count);
        Assert.Contains("'de', not the queried 'fr'", report.Errors[1].Message, StringComparison.Ordinal);
        Assert.Equal("no such file or folder", report.Errors[0].Message);
        Assert.Empty(await store.ListAsync());
    }

    [Theory, SqliteData, PostgresData]
    public async Task Too_many_files_are_an_error_and_nothing_is_imported(SqlDialect dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        var options = IanaImportOptions.Default.Clone();
        options.MaxFiles = 3;
        var (store, importer) = Create(db, options);

        var report = await importer.ImportFilesAsync([IanaCorpus.Root]);

        Assert.Empty(report.Outcomes);
        var error = Assert.Single(report.Errors);
        Assert.Equal((IanaCorpus.Root, "more than 3 answer files: nothing was imported"), (error.Origin, error.Message));
        Assert.Empty(await store.ListAsync());
        Assert.Equal(3, (await importer.ImportFilesAsync([IanaCorpus.Current("DE"), IanaCorpus.Current("FR"), IanaCorpus.Current("NL")])).Outcomes.Count);
    }
}
