using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using TldOps.Core.Lists.Archive;
using TldOps.Core.Lists.Held;
using TldOps.Core.Membership.Accounts;
using TldOps.Core.Security;
using TldOps.Core.Storage;
using TldOps.Server.Hosting;
using TldOps.Server.Tests.Support;
using TldOps.Testing;

namespace TldOps.Server.Tests.Web.Security;

/// <summary>
/// A portal with seeded people (<see cref="AccountSeed"/>), a session for each role, and
/// forged and expired tokens of every purpose. Rate limits are raised out of the way: these
/// tests make hundreds of requests from one address (RateLimitTests checks the limits).
/// </summary>
public sealed class SecuredPortalFixture : IAsyncLifetime
{
    /// <summary>Every purpose a link in a mail can have.</summary>
    public static readonly string[] Purposes = ["login", "enrol", "join-decision", "join-status", "reverify", "reconfirm"];

    private PortalServer? _server;

    internal PortalServer Server => _server ?? throw new InvalidOperationException("The portal has not started.");

    internal AccountSeed Seed { get; private set; } = null!;

    /// <summary>Session secrets by identity name.</summary>
    internal Dictionary<string, string> Sessions { get; } = new(StringComparer.Ordinal);

    /// <summary>Sample values for route parameters, by the path before them ("committee/held") or by name ("lang").</summary>
    internal Dictionary<string, string> Samples { get; } = new(StringComparer.Ordinal);

    /// <summary>Tokens that must not work: forged, and expired for each purpose.</summary>
    internal List<string> BadTokens { get; } = [];

    public async Task InitializeAsync()
    {
        _server = await PortalServer.StartAsync(settings:
        [
            new($"{RateLimitSettings.Section}:{nameof(RateLimitSettings.LoginPerIp)}", "100000"),
            new($"{RateLimitSettings.Section}:{nameof(RateLimitSettings.LoginPerAddress)}", "100000"),
            new($"{RateLimitSettings.Section}:{nameof(RateLimitSettings.JoinPerIp)}", "100000"),
            new($"{RateLimitSettings.Section}:{nameof(RateLimitSettings.JoinPerAddress)}", "100000"),
            new($"{RateLimitSettings.Section}:{nameof(RateLimitSettings.CodePerIp)}", "100000"),
            // Posts are seeded through the list: no DMARC look-ups (loopback only), runners that poll often.
            new("Lists:DmarcMitigation", "Never"),
            new("Queues:PollInterval", "00:00:00.100"),
        ]);
        Seed = await AccountSeed.CreateAsync(_server.Services);
        Sessions["member"] = await Seed.SessionAsync(Seed.Member);
        Sessions["liaison"] = await Seed.SessionAsync(Seed.Liaison);
        Sessions["committee"] = await Seed.SessionAsync(Seed.Chair);
        Sessions["secretariat"] = await Seed.SessionAsync(Seed.Secretariat);
        Sessions["second-factor"] = await Seed.SessionAsync(Seed.Chair, SessionStage.SecondFactor);
        Sessions["enrolment"] = await Seed.SessionAsync(Seed.Member, SessionStage.Enrolment);

        var database = _server.Services.GetRequiredService<Database>();
        var tokens = _server.Services.GetRequiredService<ActionTokens>();
        foreach (var purpose in Purposes)
        {
            var expired = await database.InTransactionAsync((c, t) => tokens.IssueAsync(c, t, purpose, "member:" + Seed.Member.PublicId, TimeSpan.FromSeconds(-60)));
            BadTokens.Add(expired.Token);
            var genuine = await database.InTransactionAsync((c, t) => tokens.IssueAsync(c, t, purpose, "member:" + Seed.Member.PublicId, TimeSpan.FromDays(1)));
            var parts = genuine.Token.Split('.');
            BadTokens.Add(string.Join('.', parts[0], parts[1], parts[2], new string('A', parts[3].Length)));
        }

        BadTokens.Add("not-a-token");
        await SeedVettingAsync();
        await SeedListAsync();
    }

    // A pending join request: its contacts are personal data too.
    private async Task SeedVettingAsync()
    {
        var services = _server!.Services;
        var import = await services.GetRequiredService<TldOps.Core.Registry.Iana.IanaImporter>()
            .ImportFilesAsync([TldOps.Testing.SharedCorpus.PathOf("iana-whois", "FR")]);
        Assert.Empty(import.Errors);
        var join = await services.GetRequiredService<TldOps.Core.Membership.Joining.JoinRequestService>().SubmitAsync(new(
            "fr", [new("Wilhelmina Seedjoin", "wilhelmina.seed@nic.example", "+33 1 99 99 05 01")], "wilhelmina.seed@nic.example"));
        Assert.True(join.IsSuccess, join.Problem?.Message);
    }

    // Through the list's SMTP listener: a stranger's post, held for moderation, and a member's, archived.
    private async Task SeedListAsync()
    {
        var services = _server!.Services;
        await ListPosting.PostAsync(services, "ulrike.seed@outsider.example", "Ulrike Seedposter", "Seed question from outside", "Please call me on +33 1 99 99 06 01.");
        var held = await ListPoster.WaitForAsync(async () => (await services.GetRequiredService<HeldMessageService>().ListAsync()).FirstOrDefault(), "the seeded post to be held");
        Samples["committee/held"] = held.Id.ToString(CultureInfo.InvariantCulture);
        await ListPosting.PostAsync(services, Seed.Member.Email, Seed.Member.Name, "Seed incident report", "Seen from AS64500. Ring +33 1 99 99 07 01 for details.");
        var archived = await ListPoster.WaitForAsync(async () => (await services.GetRequiredService<ArchiveService>().SearchAsync("AS64500")).FirstOrDefault(), "the seeded post to be archived");
        Samples["archive/thread"] = archived.Message.ThreadId.ToString(CultureInfo.InvariantCulture);
        Samples["archive/message"] = archived.Message.Id.ToString(CultureInfo.InvariantCulture);
    }

    internal Visitor Visit(string? identity) => new(Server.Address, identity is null ? null : Sessions[identity]);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
