using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TldOps.Mail.Smtp.Sink;
using TldOps.Server.Hosting;
using TldOps.Testing;

namespace TldOps.Browser.Tests;

/// <summary>
/// The real portal (the <c>tldops serve</c> host, in-process on 127.0.0.1 port 0, over a fresh
/// data folder, its list's SMTP listener on a free loopback port and a recording SMTP sink as its
/// smarthost, so that what it sends can be read as a recipient would) and Debian's Chromium
/// driven by Playwright with a fresh profile. Started on first use, so that a machine without
/// Chromium skips the tests without starting anything.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    // What Chromium must not do in a test: reach the Internet on its own, use a GPU, or need a sandbox
    // (containers run as root).
    private static readonly string[] ChromiumArguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private readonly SemaphoreSlim _start = new(1, 1);
    private readonly TempDirectory _data = new("tldops-browser-data");
    private readonly TempDirectory _profile = new("tldops-browser-profile");
    private readonly SmtpSink _sink = new(new SmtpSinkOptions { KeepInMemory = true });
    private WebApplication? _app;
    private IPlaywright? _playwright;
    private IBrowserContext? _browser;

    /// <summary>The portal's base address, e.g. http://127.0.0.1:41234.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>The portal's services, for seeding data and reading the mail it queued (once started).</summary>
    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("The portal has not started.");

    /// <summary>Every message the portal delivered (its smarthost), kept in memory.</summary>
    public SmtpSink Sink => _sink;

    /// <summary>Where screenshots go: beside the test assembly.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>Saves the whole page as <paramref name="name"/>.png in <see cref="ScreenshotFolder"/>.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });
    }

    /// <summary>Starts the portal and the browser once; later calls return at once.</summary>
    public async Task<IBrowserContext> BrowserAsync()
    {
        await _start.WaitAsync();
        try
        {
            if (_browser is null)
            {
                await StartPortalAsync();
                _playwright = await Playwright.CreateAsync();
                _browser = await _playwright.Chromium.LaunchPersistentContextAsync(_profile.Path, new BrowserTypeLaunchPersistentContextOptions
                {
                    ExecutablePath = RealComponent.Require("chromium", "chromium"),
                    Headless = true,
                    Args = ChromiumArguments,
                    Timeout = 60_000,
                    BaseURL = Address.ToString(),
                    ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
                });
                _browser.SetDefaultTimeout(30_000);
                _browser.SetDefaultNavigationTimeout(30_000);
            }

            return _browser;
        }
        finally
        {
            _start.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        try
        {
            if (_browser is not null)
            {
                await _browser.CloseAsync();
            }

            _playwright?.Dispose();
            if (_app is not null)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await _app.StopAsync(timeout.Token);
                await _app.DisposeAsync();
            }
        }
        finally
        {
            await _sink.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            _profile.Dispose();
            _data.Dispose();
            _start.Dispose();
        }
    }

    private async Task StartPortalAsync()
    {
        await _sink.StartAsync();
        var configuration = TldOpsConfiguration.Build(
        [
            new($"{StorageSettings.Section}:{nameof(StorageSettings.DataDirectory)}", _data.Path),
            new($"{PortalSettings.Section}:{nameof(PortalSettings.Urls)}", "http://127.0.0.1:0"),
            // The list engine's SMTP listener on a free port: test hosts run side by side.
            new("Lists:Listener:Smtp", "127.0.0.1:0"),
            new("Lists:Delivery:Smarthost", $"127.0.0.1:{_sink.EndPoint.Port}"),
            // No DMARC look-ups: nothing leaves the loopback interface.
            new("Lists:DmarcMitigation", "Never"),
            new("Queues:PollInterval", "00:00:00.100"),
        ]);
        _app = ServeHost.Build(configuration);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _app.Services.GetRequiredService<DatabaseStartup>().PrepareAsync(timeout.Token);
        await _app.StartAsync(timeout.Token);
        Address = new Uri(ServeHost.BoundAddresses(_app)[0]);
    }
}
