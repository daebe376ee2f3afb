using System.Globalization;
using System.Text.Json;

namespace TldOps.Mail.Tests.Smtp.Support;

/// <summary>A message aiosmtpd received.</summary>
internal sealed record AiosmtpdMessage(string From, IReadOnlyList<string> To, IReadOnlyList<string> Options, bool Tls, bool Authenticated, byte[] Data);

/// <summary>Peers/aiosmtpd_server.py running on a loopback port; killed on dispose.</summary>
internal sealed class AiosmtpdServer : IAsyncDisposable
{
    private readonly ExternalProcess _process;

    private AiosmtpdServer(ExternalProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public static async Task<AiosmtpdServer> StartAsync(params string[] arguments)
    {
        var python = TldOps.Testing.PythonModule.Find("aiosmtpd") ?? throw new InvalidOperationException("python3 with aiosmtpd is needed: apt-get install python3-aiosmtpd");
        var script = Path.Combine(TldOps.Testing.SharedCorpus.RepositoryRoot, "tests", "TldOps.Mail.Tests", "Smtp", "Peers", "aiosmtpd_server.py");
        var process = ExternalProcess.Start(python, [script, .. arguments], new Dictionary<string, string> { ["PYTHONUNBUFFERED"] = "1" });
        try
        {
            var port = int.Parse(await process.ReadFirstLineAsync(), CultureInfo.InvariantCulture);
            return new AiosmtpdServer(process, port);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    public async Task<IReadOnlyList<AiosmtpdMessage>> WaitForMessagesAsync(int count)
    {
        var lines = await _process.WaitForLinesAsync(l => Events(l, "message").Count() >= count);
        return Events(lines, "message").Select(e => new AiosmtpdMessage(
            e.GetProperty("from").GetString()!,
            e.GetProperty("to").EnumerateArray().Select(t => t.GetString()!).ToArray(),
            e.GetProperty("options").EnumerateArray().Select(t => t.GetString()!).ToArray(),
            e.GetProperty("tls").GetBoolean(),
            e.GetProperty("auth").GetBoolean(),
            Convert.FromBase64String(e.GetProperty("data").GetString()!))).ToArray();
    }

    public int Connections => Events(_process.Output.Split('\n'), "connect").Count();

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private static IEnumerable<JsonElement> Events(IReadOnlyList<string> lines, string kind) =>
        lines.Where(l => l.StartsWith('{'))
            .Select(l => JsonDocument.Parse(l).RootElement.Clone())
            .Where(e => e.GetProperty("event").GetString() == kind);
}
