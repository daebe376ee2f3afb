using System.Text;
using Microsoft.Extensions.DependencyInjection;
using TldOps.Core.Lists;
using TldOps.Core.Membership;
using TldOps.Core.Membership.Accounts;
using TldOps.Core.Registry;
using TldOps.Core.Storage;
using TldOps.Core.Storage.Queues;
using TldOps.Mail.Mime;

namespace TldOps.Server.Tests.Support;

/// <summary>
/// People with recognisable personal data in a running portal, and sessions for them, so that
/// tests can visit pages as each role and look for that data where it must not appear.
/// </summary>
internal sealed class AccountSeed
{
    private AccountSeed(IServiceProvider services) => Services = services;

    public IServiceProvider Services { get; }

    public Account Member { get; private set; } = null!;

    public Account Chair { get; private set; } = null!;

    public Account Secretariat { get; private set; } = null!;

    public Account Liaison { get; private set; } = null!;

    /// <summary>The TOTP secrets of the people who have one, by public id.</summary>
    public Dictionary<string, byte[]> Secrets { get; } = new(StringComparer.Ordinal);

    /// <summary>Every name, address and phone number seeded: none may reach anyone but members.</summary>
    public IReadOnlyList<string> PersonalData { get; } =
    [
        "Zebulon Seedmember", "zebulon.seed@nic.example", "+33199990101", "+33699990102",
        "Quirina Seedchair", "quirina.seed@nic.example", "+33199990201",
        "Xaver Seedstaff", "xaver.seed@icann.example", "+41229990301",
        "Yolanda Seedliaison", "yolanda.seed@ssac.example", "+12029990401",
        "Wilhelmina Seedjoin", "wilhelmina.seed@nic.example", "+33199990501",
        // A post held for moderation (from someone who is not a member) and a post in the archive.
        "Ulrike Seedposter", "ulrike.seed@outsider.example", "+33 1 99 99 06 01", "+33 1 99 99 07 01",
    ];

    public static async Task<AccountSeed> CreateAsync(IServiceProvider services)
    {
        var seed = new AccountSeed(services);
        await services.GetRequiredService<CcTldStore>().SyncReferenceDataAsync(TestCatalog.Create());
        seed.Member = await seed.AddAsync(new NewMember("fr", "Zebulon Seedmember", "zebulon.seed@nic.example",
            PhoneNumber.Parse("+33 1 99 99 01 01"), PhoneNumber.Parse("+33 6 99 99 01 02")), RoleAssignment.PlainMember);
        seed.Chair = await seed.AddAsync(new NewMember("fr", "Quirina Seedchair", "quirina.seed@nic.example",
            PhoneNumber.Parse("+33 1 99 99 02 01"), null, MemberRole.Committee), RoleAssignment.Committee(CommitteePosition.Chair));
        seed.Secretariat = await seed.AddAsync(new NewMember(null, "Xaver Seedstaff", "xaver.seed@icann.example",
            PhoneNumber.Parse("+41 22 999 03 01"), null, MemberRole.Secretariat), RoleAssignment.Secretariat);
        seed.Liaison = await seed.AddAsync(new NewMember(null, "Yolanda Seedliaison", "yolanda.seed@ssac.example",
            PhoneNumber.Parse("+1 202 999 0401"), null, MemberRole.Liaison), RoleAssignment.LiaisonFor(LiaisonKind.Ssac));
        seed.Chair = await seed.EnableTotpAsync(seed.Chair);
        seed.Secretariat = await seed.EnableTotpAsync(seed.Secretariat);
        return seed;
    }

    /// <summary>A complete session for <paramref name="account"/>, as after a full login.</summary>
    public Task<string> SessionAsync(Account account, SessionStage stage = SessionStage.Complete) =>
        Services.GetRequiredService<Database>().InTransactionAsync(async (c, t) =>
            (await Services.GetRequiredService<SessionStore>().CreateAsync(c, t, account.MemberId, stage, "seed")).Secret);

    /// <summary>Confirms TOTP for <paramref name="account"/> with a computed code.</summary>
    public async Task<Account> EnableTotpAsync(Account account)
    {
        var totp = Services.GetRequiredService<TotpService>();
        var enrolment = (await totp.GetOrBeginAsync(account)).Value;
        Assert.True(Base32.TryDecode(enrolment.SecretText, out var secret));
        // The code of the previous step: the step after it stays free for a login in the test.
        var code = Totp.Compute(secret, Totp.StepAt(DateTimeOffset.UtcNow) - 1);
        Assert.True((await totp.ConfirmAsync(account, code, Actor.Operator)).IsSuccess);
        Secrets[account.PublicId] = secret;
        return (await Services.GetRequiredService<AccountStore>().FindAsync(account.PublicId))!;
    }

    /// <summary>The virgin-queue mails to <paramref name="recipient"/>, newest first, parsed.</summary>
    public async Task<IReadOnlyList<MimeMessage>> MailsToAsync(string recipient)
    {
        var queues = Services.GetRequiredService<QueueStore>();
        var messages = Services.GetRequiredService<MessageStore>();
        var found = new List<MimeMessage>();
        foreach (var entry in await queues.ListAsync(QueueNames.Virgin, null, limit: 500))
        {
            if (entry.RecipientList.Contains(recipient, StringComparer.OrdinalIgnoreCase))
            {
                found.Add(MimeMessage.Load(await messages.GetAsync(entry.MessageId!.Value)));
            }
        }

        return found;
    }

    private async Task<Account> AddAsync(NewMember person, RoleAssignment role)
    {
        var added = await Services.GetRequiredService<RoleService>().AddAsync(person, role, Actor.Operator);
        Assert.True(added.IsSuccess, added.Problem?.Message);
        return added.Value;
    }
}
