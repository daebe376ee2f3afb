using System.CommandLine;
using TldOps.Core.Lists;
using TldOps.Core.Lists.Delivery;
using TldOps.Server.Cli;
using TldOps.Server.Hosting;
using TldOps.Server.Tests.Support;

namespace TldOps.Server.Tests.Lists;

public sealed class ListSettingsTests
{
    [Fact]
    public void The_lists_section_binds_with_defaults_from_the_data_folder_and_the_portal()
    {
        var options = ListEngineServices.Settings(TestConfiguration.Of(
            ("Storage:DataDirectory", "/srv/tldops"),
            ("Portal:PublicUrl", "https://portal.tld-ops.example/"),
            ("Lists:Domain", "lists.tld-ops.example"),
            ("Lists:AuthenticationPolicy", "RequireAlignedDkim"),
            ("Lists:FooterTexts:fr", "Réservé aux membres."),
            ("Lists:Delivery:RetryIntervals:0", "00:10:00"),
            ("Lists:Bounces:Threshold", "3")));

        Assert.Equal("tld-ops@lists.tld-ops.example", options.Addresses.Posting);
        Assert.Equal(AuthenticationPolicy.RequireAlignedDkim, options.AuthenticationPolicy);
        Assert.Equal("/srv/tldops/dkim", options.DkimKeyDirectory);
        Assert.Equal("/srv/tldops/outbox", options.Delivery.OutboxDirectory);
        Assert.Equal("https://portal.tld-ops.example/archive", options.ArchiveUrl);
        Assert.Equal("Réservé aux membres.", options.FooterTexts["fr"]);
        Assert.Equal([TimeSpan.FromMinutes(10)], options.Delivery.EffectiveRetryIntervals);
        Assert.Equal(3, options.Bounces.Threshold);
        Assert.Equal(DeliveryMode.Outbox, options.Delivery.EffectiveMode);
    }

    [Fact]
    public void A_bad_list_setting_stops_the_start_naming_it()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ListEngineServices.Settings(TestConfiguration.Of(("Lists:Name", "tld ops"))));

        Assert.Contains("Lists:Name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Vetting_mails_use_the_lists_own_addresses_unless_told_otherwise()
    {
        var derived = VettingSettings.From(TestConfiguration.Of(("Lists:Domain", "lists.tld-ops.example")));
        var explicitly = VettingSettings.From(TestConfiguration.Of(("Lists:Domain", "lists.tld-ops.example"), ("Vetting:RequestAddress", "join@tld-ops.example")));

        Assert.Equal(("tld-ops-request@lists.tld-ops.example", "tld-ops@lists.tld-ops.example", "tld-ops-owner@lists.tld-ops.example"),
            (derived.RequestAddress, derived.ListAddress, derived.CommitteeAddress));
        Assert.Equal("join@tld-ops.example", explicitly.RequestAddress);
    }

    [Fact]
    public void The_owner_addresses_stand_in_for_the_committee_in_vetting_unless_a_committee_address_is_set()
    {
        var owners = VettingSettings.From(TestConfiguration.Of(("Lists:Domain", "lists.tld-ops.example"), ("Lists:OwnerAddresses:0", "chair@nic.example"), ("Lists:OwnerAddresses:1", "deputy@nic.example")));
        var named = VettingSettings.From(TestConfiguration.Of(("Lists:OwnerAddresses:0", "chair@nic.example"), ("Vetting:CommitteeAddress", "sc@tld-ops.example")));
        var none = VettingSettings.From(TestConfiguration.Of(("Lists:Domain", "lists.tld-ops.example")));

        Assert.Equal(["chair@nic.example", "deputy@nic.example"], owners.CommitteeStandIns);
        Assert.Empty(named.CommitteeStandIns);
        Assert.Equal("sc@tld-ops.example", named.CommitteeAddress);
        Assert.Empty(none.CommitteeStandIns);
        Assert.Equal("tld-ops-owner@lists.tld-ops.example", none.CommitteeAddress);
    }

    [Fact]
    public async Task Serve_help_documents_the_mail_options()
    {
        var (exitCode, output, _) = await Support.CliRunner.RunAsync("serve", "--help");

        Assert.Equal(0, exitCode);
        Assert.Contains("--smtp <HOST:PORT>", output, StringComparison.Ordinal);
        Assert.Contains("--lmtp <HOST:PORT>", output, StringComparison.Ordinal);
        Assert.Contains("--smarthost <HOST:PORT>", output, StringComparison.Ordinal);
    }
}
