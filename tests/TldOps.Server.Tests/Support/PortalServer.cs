using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using TldOps.Server.Hosting;
using TldOps.Testing;

namespace TldOps.Server.Tests.Support;

/// <summary>
/// The real <c>tldops serve</c> host, built in-process on 127.0.0.1 port 0 over a fresh data
/// folder (or the database given), with the database prepared as serve prepares it.
/// </summary>
internal sealed class PortalServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TempDirectory _data;

    private PortalServer(WebApplication app, TempDirectory data, Uri address)
    {
        _app = app;
        _data = data;
        Address = address;
        Client = NewClient();
    }

    public Uri Address { get; }

    /// <summary>A client that does not follow redirects and keeps no cookies: each request stands alone.</summary>
    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>The data folder, as <c>--data</c> takes it.</summary>
    public string DataDirectory => _data.Path;

    public static async Task<PortalServer> StartAsync(string? database = null, IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var data = new TempDirectory("tldops-portal");
        try
        {
            var configuration = TldOpsConfiguration.Build(
            [
                new($"{StorageSettings.Section}:{nameof(StorageSettings.DataDirectory)}", data.Path),
                new($"{StorageSettings.Section}:{nameof(StorageSettings.Database)}", database),
                new($"{PortalSettings.Section}:{nameof(PortalSettings.Urls)}", "http://127.0.0.1:0"),
                // The list engine's SMTP listener on a free port: test hosts run side by side.
                new("Lists:Listener:Smtp", "127.0.0.1:0"),
                .. settings ?? [],
            ]);
            var app = ServeHost.Build(configuration);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await app.Services.GetRequiredService<DatabaseStartup>().PrepareAsync(timeout.Token);
            await app.StartAsync(timeout.Token);
            return new PortalServer(app, data, new Uri(ServeHost.BoundAddresses(app)[0]));
        }
        catch
        {
            data.Dispose();
            throw;
        }
    }

    public HttpClient NewClient() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        BaseAddress = Address,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public async Task<string> GetStringAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {path}: {(int)response.StatusCode}, expected {(int)expected}");
        return body;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await _app.StopAsync(timeout.Token);
        }

        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Dispose();
    }
}
