namespace TldOps.Dns.Tests.Support;

/// <summary>
/// One NSD instance for a test class, started on first use (so classes whose tests are skipped on a
/// machine without NSD never try) and stopped when the class is done.
/// </summary>
public sealed class NsdFixture : IAsyncLifetime
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private NsdServer? _server;

    internal async Task<NsdServer> GetServerAsync()
    {
        await _gate.WaitAsync();
        try
        {
            return _server ??= await NsdServer.StartAsync(TestZones.All);
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _gate.Dispose();
    }
}
