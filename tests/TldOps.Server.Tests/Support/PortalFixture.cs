using System.Text;
using Microsoft.Extensions.DependencyInjection;
using TldOps.Core.Membership;
using TldOps.Core.Registry;

namespace TldOps.Server.Tests.Support;

/// <summary>
/// One portal for a test class, its ccTLDs replaced by <see cref="TestCatalog"/> (every region,
/// IDN ccTLDs, a territory) and three people imported, so that the pages show members, regions
/// and a missing list in every region.
/// </summary>
public sealed class PortalFixture : IAsyncLifetime
{
    private PortalServer? _server;

    internal PortalServer Server => _server ?? throw new InvalidOperationException("The portal has not started.");

    public async Task InitializeAsync()
    {
        _server = await PortalServer.StartAsync();
        await _server.Services.GetRequiredService<CcTldStore>().SyncReferenceDataAsync(TestCatalog.Create());
        const string csv = "ccTLD,name,email,phone\n" +
            "fr,Ada Example,ada@nic.example,+33 1 39 30 83 01\n" +
            "fr,Bo Example,bo@nic.example,+33 1 39 30 83 02\n" +
            "рф,Vera Example,vera@nic.example,+7 495 730 29 71\n";
        var report = await _server.Services.GetRequiredService<MemberImporter>()
            .ImportAsync("members.csv", new MemoryStream(Encoding.UTF8.GetBytes(csv)));
        Assert.True(report.Committed, string.Join("\n", report.Errors));
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
