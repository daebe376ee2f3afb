using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using TldOps.Core.Audit;
using TldOps.Core.ContactDirectory;
using TldOps.Core.Lists;
using TldOps.Core.Lists.Bounces;
using TldOps.Core.Lists.Notices;
using TldOps.Core.Lists.Posts;
using TldOps.Core.Membership;
using TldOps.Core.Membership.Authority;
using TldOps.Core.Membership.Joining;
using TldOps.Core.Membership.Keys;
using TldOps.Core.Membership.Mail;
using TldOps.Core.Membership.Reconfirmation;
using TldOps.Core.Membership.Requests;
using TldOps.Core.Membership.Reverification;
using TldOps.Core.Membership.Vetting;
using TldOps.Core.Registry;
using TldOps.Core.Registry.Iana;
using TldOps.Core.Scheduling;
using TldOps.Core.Security;
using TldOps.Core.Storage;
using TldOps.Core.Storage.Queues;
using TldOps.Mail.Mime;
using TldOps.Testing;

namespace TldOps.Core.Tests.Membership;

/// <summary>
/// A migrated database with the shipped ccTLDs, IANA records imported from the corpus, and every
/// vetting service over it, on a manual clock and seeded randomness. Mail is read back from the
/// virgin queue, parsed by our MIME parser.
/// </summary>
internal sealed class VettingFixture : IAsyncDisposable
{
    /// <summary>The ccTLDs whose whois answers are imported at start (French, Spanish, Russian, Chinese, Arabic and English admin contacts).</summary>
    public static readonly string[] ImportedTlds = ["FR", "DE", "KE", "CL", "RU", "CN", "EG", "US", "XN--P1AI"];

    private VettingFixture(TestDatabase db, ManualClock clock, VettingOptions options)
    {
        Db = db;
        Clock = clock;
        Options = options;
        var database = db.Database;
        var random = new SeededRandomSource();
        CcTlds = new CcTldStore(database, clock);
        Delegations = new DelegationStore(database, clock);
        Members = new MemberStore(database, clock, random);
        Queues = new QueueStore(database, new QueueSignal(), clock);
        var messages = new MessageStore(database, clock);
        Audit = new AuditLog(database, clock);
        Tokens = new ActionTokens(database, new InstallationSecrets(database, random, clock), random, clock);
        var systemMail = new SystemMail(database, messages, Queues);
        Mailer = new VettingMailer(systemMail, Members, options, clock, random);
        Vetting = new MemberVettingStore(database, clock);
        States = new CcTldVettingStore(database, clock);
        Requests = new JoinRequestStore(database, clock);
        CapExceptions = new CapExceptionStore(database, Audit, clock);
        Admins = new AdminContactDirectory(Delegations, CcTldCatalog.Shipped);
        Keys = new OpenPgpKeyReader(clock);
        // Which members bounce: the list engine's own verdict, as in serve.
        var list = new ListOptions();
        var listMembers = new ListMemberDirectory(database);
        Bounces = new BounceProcessor(database, list, listMembers, new ListNotices(systemMail, list, listMembers, clock, random), clock, NullLogger<BounceProcessor>.Instance);
        DeliveryHealth = new DeliveryHealth(database, list, clock);
        Runs = new ScheduledRunStore(database, new NodeIdentity("test-node"), clock);
        Joins = new JoinRequestService(database, Requests, Members, Vetting, CapExceptions, CcTlds, CcTldCatalog.Shipped, Admins, Tokens, Audit, Mailer,
            new JoinContactValidator(Keys), options, clock);
        Reconfirmations = new ReconfirmationService(database, Delegations, States, Members, Vetting, Admins, Tokens, Audit, Mailer, CcTldCatalog.Shipped, options, clock);
        Reverifications = new ReverificationService(database, Members, Vetting, DeliveryHealth, Admins, Tokens, Audit, Mailer, Keys, CcTldCatalog.Shipped, options, clock);
        Handler = new VettingRequestMailHandler(Joins, Reconfirmations, database, Mailer, options, NullLogger<VettingRequestMailHandler>.Instance);
        Repository = new ContactRepositoryService(database, Members, Vetting, DeliveryHealth, CcTlds, Runs, Mailer, options, clock);
        Importer = new IanaImporter(Delegations, NullLogger<IanaImporter>.Instance);
    }

    public TestDatabase Db { get; }

    public Database Database => Db.Database;

    public ManualClock Clock { get; }

    public VettingOptions Options { get; }

    public CcTldStore CcTlds { get; }

    public DelegationStore Delegations { get; }

    public MemberStore Members { get; }

    public QueueStore Queues { get; }

    public AuditLog Audit { get; }

    public ActionTokens Tokens { get; }

    public VettingMailer Mailer { get; }

    public MemberVettingStore Vetting { get; }

    public CcTldVettingStore States { get; }

    public JoinRequestStore Requests { get; }

    public CapExceptionStore CapExceptions { get; }

    public AdminContactDirectory Admins { get; }

    public OpenPgpKeyReader Keys { get; }

    public DeliveryHealth DeliveryHealth { get; }

    public BounceProcessor Bounces { get; }

    public ScheduledRunStore Runs { get; }

    public JoinRequestService Joins { get; }

    public ReconfirmationService Reconfirmations { get; }

    public ReverificationService Reverifications { get; }

    public VettingRequestMailHandler Handler { get; }

    public ContactRepositoryService Repository { get; }

    public IanaImporter Importer { get; }

    public static async Task<VettingFixture> CreateAsync(SqlDialect dialect, VettingOptions? options = null, bool importIana = true)
    {
        var db = await TestDatabase.CreateAsync(dialect);
        var fixture = new VettingFixture(db, new ManualClock(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero)),
            (options ?? new VettingOptions { RequestAddress = "tld-ops-request@tld-ops.example", ListAddress = "tld-ops@tld-ops.example", CommitteeAddress = "committee@tld-ops.example", PublicUrl = "https://portal.tld-ops.example" }).Validate());
        await fixture.CcTlds.SyncReferenceDataAsync(CcTldCatalog.Shipped);
        if (importIana)
        {
            var report = await fixture.Importer.ImportFilesAsync(ImportedTlds.Select(t => SharedCorpus.PathOf("iana-whois", t)).ToList());
            Assert.Empty(report.Errors);
        }

        return fixture;
    }

    /// <summary>Every mail queued so far (oldest first), with its envelope recipients, parsed by our parser.</summary>
    public async Task<IReadOnlyList<QueuedMail>> MailsAsync()
    {
        var entries = await Queues.ListAsync(QueueNames.Virgin, null, limit: 1000);
        var mails = new List<QueuedMail>();
        await using var connection = await Database.OpenAsync();
        foreach (var entry in entries.OrderBy(e => e.Id))
        {
            var raw = await connection.ExecuteScalarAsync<byte[]>("SELECT raw FROM mail_message WHERE id = @id", new { id = entry.MessageId });
            mails.Add(new QueuedMail(entry, raw!, MimeMessage.Load(raw!)));
        }

        return mails;
    }

    /// <summary>The mails queued for <paramref name="recipient"/>.</summary>
    public async Task<IReadOnlyList<QueuedMail>> MailsToAsync(string recipient) =>
        (await MailsAsync()).Where(m => m.Entry.RecipientList.Contains(recipient, StringComparer.OrdinalIgnoreCase)).ToList();

    /// <summary>A valid join form for <paramref name="ccTld"/> with <paramref name="count"/> contacts at <paramref name="domain"/>.</summary>
    public static JoinRequestForm Form(string ccTld, string domain, int count = 1, string requester = "requester@example.org", JoinRequestKind kind = JoinRequestKind.Join, int first = 1) =>
        new(ccTld, Enumerable.Range(first, count).Select(i => new JoinContactForm(
            $"Contact {i}", $"contact{i}@{domain}", $"+33 1 39 30 83 {i:00}", $"+33 6 12 34 56 {i:00}", "CSIRT", "en")).ToList(), requester, "Req Uester", kind);

    /// <summary>
    /// Leaves the member as the list engine's bounce processing does once its score reaches the
    /// threshold: delivery disabled, bouncing since <paramref name="since"/>. (Reaching it through
    /// bounces takes a counted bounce on each of several days; what vetting reads is this row.)
    /// </summary>
    public Task DisableDeliveryAsync(long memberId, DateTimeOffset since) =>
        Database.InTransactionAsync((connection, transaction) => connection.ExecuteAsync(
            """
            INSERT INTO list_member_delivery (member_id, bounce_score, first_bounce_at, last_bounce_at, last_diagnostic, disabled, disabled_at, disabled_reason, updated_at)
            VALUES (@memberId, 5, @since, @since, '550 5.1.1 user unknown', @yes, @since, 'bounce score 5', @since)
            """, new { memberId, since, yes = true }, transaction));

    public ValueTask DisposeAsync() => Db.DisposeAsync();
}

/// <summary>A queued mail: its queue entry, bytes, and parsed message.</summary>
internal sealed record QueuedMail(QueueEntry Entry, byte[] Raw, MimeMessage Message)
{
    public string Subject => Message.Subject ?? string.Empty;

    public string Body => Message.TextBody?.GetText().ReplaceLineEndings("\n") ?? string.Empty;
}
