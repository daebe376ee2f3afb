using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using TldOps.Core.Lists.Dkim;
using TldOps.Core.Lists.Intake;
using TldOps.Core.Membership;
using TldOps.Mail.Smtp.Sink;
using TldOps.Server.Hosting;
using TldOps.Testing;

namespace TldOps.Server.Tests.Lists;

/// <summary>
/// The real <c>tldops serve</c> host in-process: its SMTP listener on a free loopback port, and
/// a recording SMTP sink (in this process, port 0) as its smarthost, so every copy the engine
/// sends can be looked at.
/// </summary>
internal sealed class ListServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ListServer(WebApplication app, TempDirectory data, SmtpSink sink)
    {
        _app = app;
        Data = data;
        Sink = sink;
    }

    public TempDirectory Data { get; }

    public SmtpSink Sink { get; }

    public IServiceProvider Services => _app.Services;

    public int SmtpPort => Services.GetRequiredService<ListListener>().BoundEndpoints[0].EndPoint.Port;

    public static async Task<ListServer> StartAsync(params (string Key, string Value)[] settings)
    {
        var data = new TempDirectory("tldops-list");
        var sink = new SmtpSink(new SmtpSinkOptions { KeepInMemory = true });
        try
        {
            await sink.StartAsync();
            var configuration = TldOpsConfiguration.Build(
            [
                new($"{StorageSettings.Section}:{nameof(StorageSettings.DataDirectory)}", data.Path),
                new($"{PortalSettings.Section}:{nameof(PortalSettings.Urls)}", "http://127.0.0.1:0"),
                new("Lists:Domain", "lists.example"),
                new("Lists:Listener:Smtp", "127.0.0.1:0"),
                new("Lists:Delivery:Smarthost", $"127.0.0.1:{sink.EndPoint.Port}"),
                new("Lists:DmarcMitigation", "Never"),
                new("Lists:ArchiveUrl", "https://portal.lists.example/archive"),
                new("Queues:PollInterval", "00:00:00.100"),
                .. settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)),
            ]);
            var app = ServeHost.Build(configuration);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await app.Services.GetRequiredService<DatabaseStartup>().PrepareAsync(timeout.Token);
            await app.StartAsync(timeout.Token);
            return new ListServer(app, data, sink);
        }
        catch
        {
            await sink.DisposeAsync();
            data.Dispose();
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
        var start = new ProcessStartInfo(RealComponent.Require("swaks", "swaks"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--server", "127.0.0.1", "--port", SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--timeout", "30" }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("swaks did not start");
        try
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            var transcript = await output + await error;
            Assert.True(process.ExitCode == 0, transcript);
            return transcript;
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>Posts with our own SMTP client (for tests about what happens next, not about the client).</summary>
    public async Task PostAsync(string from, string subject, string body = "Hello all.", string to = "tld-ops@lists.example")
    {
        var raw = System.Text.Encoding.UTF8.GetBytes(
            $"From: {from}\r\nTo: {to}\r\nSubject: {subject}\r\nMessage-ID: <{Guid.NewGuid():N}@test.example>\r\nDate: Sat, 21 Nov 2026 10:00:00 +0000\r\n\r\n{body}\r\n");
        await using var client = new TldOps.Mail.Smtp.Client.SmtpClient();
        await client.ConnectAsync("127.0.0.1", SmtpPort);
        var result = await client.SendAsync(new TldOps.Mail.Smtp.SmtpEnvelope(TldOps.Mail.Smtp.SmtpAddress.Parse(from), [TldOps.Mail.Smtp.SmtpAddress.Parse(to)]), raw);
        Assert.True(result.AllAccepted, string.Join("; ", result.Recipients));
        await client.QuitAsync();
    }

    /// <summary>Waits (at most 30 s) until <paramref name="condition"/> holds.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        for (var i = 0; i < 300; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"Timed out waiting until {what}.");
    }

    /// <summary>Verifies <paramref name="message"/> with dkimpy (Debian's python3-dkim), the list's key given through a dnsfunc.</summary>
    public async Task<(int ExitCode, string Output)> DkimVerifyAsync(ReadOnlyMemory<byte> message)
    {
        var key = Services.GetRequiredService<ListDkimKey>();
        var messagePath = Data.Combine($"verify-{Guid.NewGuid():N}.eml");
        var recordsPath = Data.Combine($"records-{Guid.NewGuid():N}.txt");
        await File.WriteAllBytesAsync(messagePath, message.ToArray());
        await File.WriteAllTextAsync(recordsPath, $"{key.DnsName} {key.TxtRecord}\n");
        // The interpreter Debian's dkimverify runs with is the one that has the dkim module.
        var interpreter = File.ReadLines(RealComponent.Require("dkimverify", "python3-dkim")).First()[2..].Trim();
        var start = new ProcessStartInfo(interpreter) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(SharedCorpus.RepositoryRoot, "tests", "TldOps.Mail.Tests", "Python", "dkim_verify.py"));
        start.ArgumentList.Add(messagePath);
        start.ArgumentList.Add(recordsPath);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("python did not start");
        try
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await output + await error);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await _app.StopAsync(timeout.Token);
        }

        await _app.DisposeAsync();
        await Sink.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Data.Dispose();
    }
}
