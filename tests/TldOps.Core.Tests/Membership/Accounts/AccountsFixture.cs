using System.Text;
using TldOps.Core.Audit;
using TldOps.Core.Common;
using TldOps.Core.Lists;
using TldOps.Core.Membership;
using TldOps.Core.Membership.Accounts;
using TldOps.Core.Registry;
using TldOps.Core.Security;
using TldOps.Core.Storage;
using TldOps.Core.Storage.Queues;
using TldOps.Mail.Addresses;
using TldOps.Mail.Mime;
using TldOps.Testing;

namespace TldOps.Core.Tests.Membership.Accounts;

/// <summary>A migrated database with the shipped ccTLDs, a manual clock, seeded randomness, and every account service over them.</summary>
internal sealed class AccountsFixture : IAsyncDisposable
{
    private AccountsFixture(TestDatabase db)
    {
        Db = db;
        var database = db.Database;
        Clock = new ManualClock(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        Random = new SeededRandomSource();
        Options = AccountOptions.Default;
        Secrets = new InstallationSecrets(database, Random, Clock);
        Tokens = new ActionTokens(database, Secrets, Random, Clock);
        Audit = new AuditLog(database, Clock);
        Members = new MemberStore(database, Clock, Random);
        Accounts = new AccountStore(database);
        Sessions = new SessionStore(database, Options, Random, Clock);
        Roles = new RoleService(database, Accounts, Members, Sessions, Audit, Clock);
        Totp = new TotpService(database, new SecretSeal(Secrets, Random), new RecoveryCodes(Secrets, Random), Audit, Random, Clock);
        Queues = new QueueStore(database, new QueueSignal(), Clock);
        Messages = new MessageStore(database, Clock);
        Links = new AccountLinks("https://portal.tld-ops.example/");
        Login = new LoginService(database, Accounts, Tokens, Sessions, Totp,
            new AccountMail(new MailboxAddress("TLD-OPS", "tld-ops-request@tld-ops.example"), Random, Clock),
            new SystemMail(database, Messages, Queues), Links, Options, Random, Clock);
        Enrolment = new CommitteeEnrolment(database, Accounts, Roles, new PersonFormValidator(database), Tokens, Sessions, Links, Options);
    }

    public TestDatabase Db { get; }

    public Database Database => Db.Database;

    public ManualClock Clock { get; }

    public SeededRandomSource Random { get; }

    public AccountOptions Options { get; }

    public InstallationSecrets Secrets { get; }

    public ActionTokens Tokens { get; }

    public AuditLog Audit { get; }

    public MemberStore Members { get; }

    public AccountStore Accounts { get; }

    public SessionStore Sessions { get; }

    public RoleService Roles { get; }

    public TotpService Totp { get; }

    public QueueStore Queues { get; }

    public MessageStore Messages { get; }

    public AccountLinks Links { get; }

    public LoginService Login { get; }

    public CommitteeEnrolment Enrolment { get; }

    public static async Task<AccountsFixture> CreateAsync(SqlDialect dialect)
    {
        var db = await TestDatabase.CreateAsync(dialect);
        var fixture = new AccountsFixture(db);
        await new CcTldStore(db.Database, fixture.Clock).SyncReferenceDataAsync(CcTldCatalog.Shipped);
        return fixture;
    }

    /// <summary>Adds an active person and returns their account.</summary>
    public async Task<Account> AddAsync(string email, string? ccTld = "fr", MemberRole role = MemberRole.Member, string name = "Ada Example", string language = "en")
    {
        var added = await Members.AddAsync(new NewMember(ccTld, name, email, null, null, role, language));
        Assert.True(added.IsSuccess, added.Problem?.Message);
        return (await Accounts.FindAsync(added.Value.PublicId))!;
    }

    /// <summary>A member with a role and confirmed TOTP; returns the account and the secret.</summary>
    public async Task<(Account Account, byte[] Secret)> AddWithTotpAsync(string email, RoleAssignment role)
    {
        var person = role.Role.HasCcTld() ? await AddAsync(email) : await AddAsync(email, null, role.Role);
        if (role.Role != MemberRole.Member)
        {
            Assert.True((await Roles.AssignAsync(person.PublicId, role, Actor.Operator)).IsSuccess);
            person = (await Accounts.FindAsync(person.PublicId))!;
        }

        var enrolment = (await Totp.GetOrBeginAsync(person)).Value;
        Assert.True(Base32.TryDecode(enrolment.SecretText, out var secret));
        var confirmed = await Totp.ConfirmAsync(person, CurrentCode(secret), Actor.Of(person, "test"));
        Assert.True(confirmed.IsSuccess, confirmed.Problem?.Message);
        // The confirming code's step is used up; the next login needs the next step's code.
        Clock.Advance(TimeSpan.FromSeconds(Core.Membership.Accounts.Totp.StepSeconds));
        return ((await Accounts.FindAsync(person.PublicId))!, secret);
    }

    public string CurrentCode(byte[] secret) => Core.Membership.Accounts.Totp.Compute(secret, Core.Membership.Accounts.Totp.StepAt(Clock.GetUtcNow()));

    /// <summary>The virgin-queue mails, parsed, newest first.</summary>
    public async Task<IReadOnlyList<(QueueEntry Entry, MimeMessage Message)>> MailsAsync()
    {
        var entries = await Queues.ListAsync(QueueNames.Virgin, null);
        var mails = new List<(QueueEntry, MimeMessage)>();
        foreach (var entry in entries)
        {
            mails.Add((entry, MimeMessage.Load(await Messages.GetAsync(entry.MessageId!.Value))));
        }

        return mails;
    }

    public ValueTask DisposeAsync() => Db.DisposeAsync();
}
