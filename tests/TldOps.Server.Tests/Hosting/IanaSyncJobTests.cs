using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TldOps.Core.Registry;
using TldOps.Core.Registry.Iana;
using TldOps.Core.Scheduling;
using TldOps.Server.Hosting;
using TldOps.Server.Tests.Support;
using TldOps.Testing;

namespace TldOps.Server.Tests.Hosting;

/// <summary><c>Scheduler:IanaSync</c>: the scheduled sync of every ccTLD, here against a whois server on loopback.</summary>
public sealed class IanaSyncJobTests
{
    [Fact]
    public async Task The_scheduled_sync_asks_for_every_ccTLD_imports_the_answers_and_runs_once_per_period()
    {
        using var data = new TempDirectory();
        await using var whois = new CorpusWhoisServer(SharedCorpus.PathOf("iana-whois"));
        await using var provider = new ServiceCollection().AddLogging().AddTldOps(TestConfiguration.Of(
            ("Storage:DataDirectory", data.Path),
            ("Scheduler:IanaSync", "30 2 * * 1"),
            ("Iana:WhoisServer", $"127.0.0.1:{whois.Port}"),
            ("Iana:QueryInterval", "00:00:00"))).BuildServiceProvider();
        await provider.GetRequiredService<DatabaseStartup>().PrepareAsync();
        var job = provider.GetServices<IScheduledJob>().Single(j => j.Name == "iana-sync");
        var monday = ScheduledOccurrence.At("iana-sync", new DateTimeOffset(2026, 11, 16, 2, 30, 0, TimeSpan.Zero));

        Assert.True(await job.RunAsync(monday));
        Assert.False(await job.RunAsync(monday));

        var catalog = provider.GetRequiredService<CcTldCatalog>();
        Assert.Equal(catalog.All.Select(t => t.Code).Order(StringComparer.Ordinal), whois.Queries.Order(StringComparer.Ordinal));
        var de = await provider.GetRequiredService<DelegationStore>().GetAsync("de");
        Assert.Equal("Vorstand DENIC eG", de!.Delegation.AdministrativeContact!.Name);
        var run = Assert.Single(await provider.GetRequiredService<ScheduledRunStore>().ListAsync("iana-sync"));
        using var detail = JsonDocument.Parse(run.Detail!);
        Assert.Equal(catalog.All.Count, detail.RootElement.GetProperty("answers").GetInt32());
        Assert.True(detail.RootElement.GetProperty("added").GetInt32() > 200, run.Detail);
    }

    [Fact]
    public async Task The_sync_is_off_unless_scheduled_and_a_bad_source_is_named_when_the_host_is_built()
    {
        using var data = new TempDirectory();
        await using var provider = new ServiceCollection().AddLogging().AddTldOps(TestConfiguration.Of(("Storage:DataDirectory", data.Path))).BuildServiceProvider();

        Assert.DoesNotContain(provider.GetServices<IScheduledJob>(), j => j.Name == "iana-sync");
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddLogging().AddTldOps(TestConfiguration.Of(
            ("Storage:DataDirectory", data.Path), ("Scheduler:IanaSync", "30 2 * * 1"), ("Iana:WhoisServer", "whois.example:notaport"))));
        Assert.Contains("Scheduler:IanaSync is set, but the IANA source cannot be made: whois server (--server, Iana:WhoisServer): 'whois.example:notaport'", error.Message, StringComparison.Ordinal);
    }
}
