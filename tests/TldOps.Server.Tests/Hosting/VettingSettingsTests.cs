using Microsoft.Extensions.DependencyInjection;
using TldOps.Core.Lists.Requests;
using TldOps.Core.Membership;
using TldOps.Core.Membership.Requests;
using TldOps.Core.Scheduling;
using TldOps.Server.Hosting;
using TldOps.Server.Tests.Support;
using TldOps.Testing;

namespace TldOps.Server.Tests.Hosting;

public sealed class VettingSettingsTests
{
    [Fact]
    public void Settings_replace_the_default_lists_and_take_the_public_url_and_cap_from_their_sections()
    {
        var options = VettingSettings.From(TestConfiguration.Of(
            ("Portal:PublicUrl", "https://tld-ops.example/"),
            ("Membership:MaxContactsPerCcTld", "2"),
            ("Vetting:RequestReminders:0", "3.00:00:00"),
            ("Vetting:ReverifyMonths", "6"),
            ("Vetting:RequestAddress", "tld-ops-request@lists.example.org")));

        Assert.Equal([TimeSpan.FromDays(3)], options.RequestReminders);
        Assert.Equal([TimeSpan.FromDays(7), TimeSpan.FromDays(21)], options.ReverifyReminders);
        Assert.Equal((6, 2, "https://tld-ops.example", "tld-ops-request@lists.example.org"), (options.ReverifyMonths, options.MaxContactsPerCcTld, options.PublicUrl, options.RequestAddress));
        Assert.Equal("https://tld-ops.example/fr/verify?token=a%2Bb", options.Link(VettingLinks.Verify("fr", "a+b")));
    }

    [Theory]
    [InlineData("Vetting:RequestAddress", "nobody", "Vetting:RequestAddress must be a valid address")]
    [InlineData("Vetting:RequestReminders:0", "40.00:00:00", "Vetting:RequestReminders")]
    [InlineData("Vetting:ReverifyMonths", "0", "Vetting:ReverifyMonths")]
    [InlineData("Scheduler:ContactRepository", "0 6 32 * *", "Scheduler:ContactRepository: Invalid cron expression at offset 4")]
    public void A_bad_setting_is_named(string key, string value, string message)
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
        {
            VettingSettings.From(TestConfiguration.Of((key, value)));
            SchedulerSettings.From(TestConfiguration.Of((key, value)));
        });
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_shared_services_give_the_scheduler_its_five_jobs_and_the_list_engine_the_request_handler()
    {
        using var data = new TempDirectory();
        var services = new ServiceCollection().AddLogging().AddTldOps(TestConfiguration.Of(("Storage:DataDirectory", data.Path), ("Scheduler:ContactRepository", "30 7 2 * *")));
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        var scheduler = provider.GetRequiredService<Scheduler>();

        Assert.Equal(["contact-repository", "join-reminders", "registry-events", "reconfirm-deadlines", "reverification"], scheduler.Jobs.Select(j => j.Name));
        Assert.Equal("30 7 2 * *", scheduler.Jobs[0].Schedule.Text);
        Assert.IsType<VettingRequestMailHandler>(Assert.Single(provider.GetServices<IRequestMailHandler>()));
        Assert.Equal(2, provider.GetServices<Core.Membership.IMemberRosterFormat>().Count());
    }
}
