using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TldOps.Core.Audit;
using TldOps.Core.Common;
using TldOps.Core.Lists;
using TldOps.Core.Lists.Archive;
using TldOps.Core.Lists.Bans;
using TldOps.Core.Lists.Bounces;
using TldOps.Core.Lists.Chains;
using TldOps.Core.Lists.Delivery;
using TldOps.Core.Lists.Dkim;
using TldOps.Core.Lists.Dmarc;
using TldOps.Core.Lists.Handlers;
using TldOps.Core.Lists.Held;
using TldOps.Core.Lists.Notices;
using TldOps.Core.Lists.Posts;
using TldOps.Core.Lists.Requests;
using TldOps.Core.Lists.Rules;
using TldOps.Core.Lists.Runners;
using TldOps.Core.Membership;
using TldOps.Core.Registry;
using TldOps.Core.Storage;
using TldOps.Core.Storage.Queues;
using TldOps.Mail.Dkim;
using TldOps.Testing;

namespace TldOps.Core.Tests.Lists.Support;

/// <summary>
/// The list engine over a fresh test database, wired as <c>tldops serve</c> wires it, with a
/// manual clock and seeded randomness. Runners are driven with <c>DrainAsync</c>.
/// </summary>
internal sealed class ListFixture : IAsyncDisposable
{
    private ListFixture(TestDatabase db, ListOptions options, IMailTransport? transport, IDkimKeyLocator? keys, IDmarcPolicySource? dmarc, IReadOnlyList<IRequestMailHandler>? requestHandlers)
    {
        Db = db;
        Options = options;
        var database = db.Database;
        Signal = new QueueSignal();
        Posts = new PostStore(database);
        FanOut = new FanOutWriter(database, options, Clock);
        Queues = new QueueStore(database, Signal, Clock, [FanOut]);
        Messages = new MessageStore(database, Clock);
        SystemMail = new SystemMail(database, Messages, Queues);
        Members = new MemberStore(database, Clock, Random);
        Directory = new ListMemberDirectory(database);
        Bans = new BanList(database, Clock);
        Archive = new ArchiveService(database, options, Clock);
        Notices = new ListNotices(SystemMail, options, Directory, Clock, Random);
        Audit = new AuditLog(database, Clock);
        Held = new HeldMessageService(database, Posts, Queues, Notices, Directory, Audit, options, Clock);
        Bounces = new BounceProcessor(database, options, Directory, Notices, Clock, NullLogger<BounceProcessor>.Instance);
        Health = new DeliveryHealth(database, options, Clock);
        Key = TestKeys.ListKey();
        Alignment = new DkimAlignment(keys ?? new DkimKeyTable(), Clock);
        Facts = new PostingFacts(Directory, Bans, Alignment, options);
        Dmarc = dmarc ?? new TestDmarc([]);
        Transport = transport ?? new MaildirOutbox(Path.Combine(Folder.Path, "outbox"), Clock);
        var context = new QueueRunnerContext(Queues, Signal, Microsoft.Extensions.Options.Options.Create(new QueueOptions()), new NodeIdentity("test-node"), Clock);
        Incoming = new IncomingRunner(context, NullLogger<IncomingRunner>.Instance, database, Messages, Facts, DefaultPostingChain.Create(), Posts, Notices, Directory, Alignment, requestHandlers ?? [], options);
        Pipeline = new PipelineRunner(context, NullLogger<PipelineRunner>.Instance, database, Messages, Posts, FanOut, Notices, Directory, Handlers(), options);
        var cache = new MessageCache(Messages);
        var schedule = RetrySchedule.From(options.Delivery);
        Outgoing = new OutgoingRunner(context, NullLogger<OutgoingRunner>.Instance, Transport, cache, schedule, Bounces, options);
        Retry = new RetryRunner(context, NullLogger<RetryRunner>.Instance, Transport, cache, schedule, Bounces, options);
        Bounce = new BounceRunner(context, NullLogger<BounceRunner>.Instance, Messages, Bounces, Directory, options);
        Virgin = new VirginRunner(context, NullLogger<VirginRunner>.Instance, database, Messages, Directory, Key, options);
    }

    public TempDirectory Folder { get; } = new("tldops-lists");

    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero));

    public IRandomSource Random { get; } = new SeededRandomSource();

    public TestDatabase Db { get; }

    public ListOptions Options { get; }

    public QueueSignal Signal { get; }

    public QueueStore Queues { get; }

    public MessageStore Messages { get; }

    public SystemMail SystemMail { get; }

    public MemberStore Members { get; }

    public ListMemberDirectory Directory { get; }

    public BanList Bans { get; }

    public PostStore Posts { get; }

    public ArchiveService Archive { get; }

    public ListNotices Notices { get; }

    public AuditLog Audit { get; }

    public HeldMessageService Held { get; }

    public BounceProcessor Bounces { get; }

    public DeliveryHealth Health { get; }

    public FanOutWriter FanOut { get; }

    public ListDkimKey Key { get; }

    public DkimAlignment Alignment { get; }

    public PostingFacts Facts { get; }

    public IDmarcPolicySource Dmarc { get; }

    public IMailTransport Transport { get; }

    public IncomingRunner Incoming { get; }

    public PipelineRunner Pipeline { get; }

    public OutgoingRunner Outgoing { get; }

    public RetryRunner Retry { get; }

    public BounceRunner Bounce { get; }

    public VirginRunner Virgin { get; }

    public static async Task<ListFixture> CreateAsync(
        SqlDialect dialect, ListOptions? options = null, IMailTransport? transport = null, IDkimKeyLocator? keys = null,
        IDmarcPolicySource? dmarc = null, IReadOnlyList<IRequestMailHandler>? requestHandlers = null)
    {
        var db = await TestDatabase.CreateAsync(dialect);
        var fixture = new ListFixture(db, (options ?? Support.Posts.Options()).Validate(), transport, keys, dmarc, requestHandlers);
        await new CcTldStore(db.Database, fixture.Clock).SyncReferenceDataAsync(CcTldCatalog.Shipped);
        return fixture;
    }

    /// <summary>The default pipeline with this fixture's services.</summary>
    public IReadOnlyList<IHandler> Handlers() =>
    [
        new ClassifyHandler(), new ArchiveHandler(Archive, Directory), new ListHeadersHandler(), new SubjectPrefixHandler(),
        new DmarcHandler(Dmarc), new FooterHandler(Directory, Random), new DkimSignHandler(Key, Clock),
    ];

    /// <summary>
    /// Adds active members ("br:Ana Silva:ana@nic.example.br", with a fourth part the language, with
    /// a fifth the role: "committee", "secretariat" or "liaison", the last two with an empty ccTLD).
    /// </summary>
    public async Task<IReadOnlyList<Member>> AddMembersAsync(params string[] people)
    {
        var added = await Members.AddAllAsync(people.Select(p =>
        {
            var parts = p.Split(':');
            var role = parts.Length > 4 && MemberCodes.TryParseRole(parts[4], out var named) ? named : MemberRole.Member;
            return new NewMember(parts[0].Length == 0 ? null : parts[0], parts[1], parts[2], null, null, role, parts.Length > 3 ? parts[3] : "en");
        }).ToList());
        Assert.True(added.IsSuccess, added.Problem?.Message);
        return added.Value;
    }

    /// <summary>Puts a message in the <c>in</c> queue as the listener would.</summary>
    public async Task<long> ReceiveAsync(byte[] raw, string? sender, params string[] recipients)
    {
        var id = await Db.Database.InTransactionAsync(async (c, t) =>
        {
            var messageId = await Messages.AddAsync(c, t, raw);
            return await Queues.EnqueueAsync(c, t, new NewQueueEntry(QueueNames.In, QueuePriority.Normal, messageId, sender, Recipients: recipients,
                Payload: System.Text.Json.JsonSerializer.Serialize(new TldOps.Core.Lists.Intake.IntakePayload(Clock.GetUtcNow(), "127.0.0.1:1", "test", "smtp", false), System.Text.Json.JsonSerializerOptions.Web)));
        });
        return id;
    }

    /// <summary>Runs every runner until nothing is left to do (bounded).</summary>
    public async Task DrainAllAsync()
    {
        for (var round = 0; round < 20; round++)
        {
            var handled = await Incoming.DrainAsync() + await Pipeline.DrainAsync() + await Virgin.DrainAsync()
                + await Bounce.DrainAsync() + await Outgoing.DrainAsync();
            if (handled == 0)
            {
                return;
            }
        }

        throw new InvalidOperationException("The runners kept finding work after 20 rounds.");
    }

    /// <summary>Entries of a queue (any state).</summary>
    public async Task<IReadOnlyList<QueueEntry>> EntriesAsync(string queue) =>
        (await Queues.ListAsync(queue, null, 10_000)).OrderBy(e => e.Id).ToList();

    public async ValueTask DisposeAsync()
    {
        await Transport.DisposeAsync();
        Key.Dispose();
        await Db.DisposeAsync();
        Folder.Dispose();
    }
}
