using Microsoft.Extensions.DependencyInjection;
using TldOps.Core.Lists.Dkim;
using TldOps.Core.Lists.Intake;
using TldOps.Core.Membership;
using TldOps.Mail.Smtp.Sink;
using TldOps.Server.Tests.Support;
using TldOps.Testing;

namespace TldOps.Server.Tests.Lists;

/// <summary>
/// The real <c>tldops serve</c> host in-process (a <see cref="PortalServer"/>): its SMTP listener
/// on a free loopback port, and a recording SMTP sink (in this process, port 0) as its smarthost,
/// so every copy the engine sends can be looked at.
/// </summary>
internal sealed class ListServer : IAsyncDisposable
{
    private readonly PortalServer _portal;

    private ListServer(PortalServer portal, SmtpSink sink)
    {
        _portal = portal;
        Sink = sink;
    }

    /// <summary>The data folder, as <c>--data</c> takes it.</summary>
    public string DataDirectory => _portal.DataDirectory;

    public SmtpSink Sink { get; }

    public IServiceProvider Services => _portal.Services;

    public int SmtpPort => Services.GetRequiredService<ListListener>().BoundEndpoints[0].EndPoint.Port;

    public static async Task<ListServer> StartAsync(params (string Key, string Value)[] settings)
    {
        var sink = new SmtpSink(new SmtpSinkOptions { KeepInMemory = true });
        try
        {
            await sink.StartAsync();
            var portal = await PortalServer.StartAsync(settings:
            [
                new("Lists:Domain", "lists.example"),
                new("Lists:Delivery:Smarthost", $"127.0.0.1:{sink.EndPoint.Port}"),
                new("Lists:DmarcMitigation", "Never"),
                new("Lists:ArchiveUrl", "https://portal.lists.example/archive"),
                new("Queues:PollInterval", "00:00:00.100"),
                .. settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)),
            ]);
            return new ListServer(portal, sink);
        }
        catch
        {
            await sink.DisposeAsync();
            throw;
        }
    }

    /// <summary>Adds members: "ccTLD:Name:address[:language[:committee]]".</summary>
    public async Task<IReadOnlyList<Member>> AddMembersAsync(params string[] people)
    {
        var result = await Services.GetRequiredService<MemberStore>().AddAllAsync(people.Select(p =>
        {
            var parts = p.Split(':');
            var role = parts.Length > 4 && parts[4] == "committee" ? MemberRole.Committee : MemberRole.Member;
            return new NewMember(parts[0], parts[1], parts[2], null, null, role, parts.Length > 3 ? parts[3] : "en");
        }).ToList());
        Assert.True(result.IsSuccess, result.Problem?.Message);
        return result.Value;
    }

    /// <summary>Sends a message with swaks (a real, independent SMTP client) and returns its transcript.</summary>
    public async Task<string> SwaksAsync(params string[] args)
    {
        var swaks = RealComponent.Require("swaks", "swaks");
        string[] arguments = ["--server", "127.0.0.1", "--port", SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--timeout", "30", .. args];
        // Off the test's thread: the run blocks until swaks is done with the listener of this process.
        var (exitCode, output, error) = await Task.Run(() => PythonModule.Run(swaks, arguments, TimeSpan.FromSeconds(60)));
        var transcript = output + error;
        Assert.True(exitCode == 0, transcript);
        return transcript;
    }

    /// <summary>Posts to the list with our own SMTP client (for tests about what happens next, not about the client).</summary>
    public Task PostAsync(string from, string subject, string body = "Hello all.") =>
        ListPosting.PostAsync(Services, from, null, subject, body);

    /// <summary>Verifies <paramref name="message"/> with dkimpy (Debian's python3-dkim), the list's key given through a dnsfunc.</summary>
    public async Task<(int ExitCode, string Output)> DkimVerifyAsync(ReadOnlyMemory<byte> message)
    {
        var key = Services.GetRequiredService<ListDkimKey>();
        var messagePath = Path.Combine(DataDirectory, $"verify-{Guid.NewGuid():N}.eml");
        var recordsPath = Path.Combine(DataDirectory, $"records-{Guid.NewGuid():N}.txt");
        await File.WriteAllBytesAsync(messagePath, message.ToArray());
        await File.WriteAllTextAsync(recordsPath, $"{key.DnsName} {key.TxtRecord}\n");
        // The interpreter Debian's dkimverify runs with is the one that has the dkim module.
        var interpreter = File.ReadLines(RealComponent.Require("dkimverify", "python3-dkim")).First()[2..].Trim();
        var script = Path.Combine(SharedCorpus.RepositoryRoot, "tests", "TldOps.Mail.Tests", "Python", "dkim_verify.py");
        var (exitCode, output, error) = await Task.Run(() => PythonModule.Run(interpreter, [script, messagePath, recordsPath], TimeSpan.FromSeconds(60)));
        return (exitCode, output + error);
    }

    public async ValueTask DisposeAsync()
    {
        await _portal.DisposeAsync();
        await Sink.DisposeAsync();
    }
}
