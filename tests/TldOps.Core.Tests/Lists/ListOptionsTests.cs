using TldOps.Core.Lists;
using TldOps.Core.Lists.Delivery;
using TldOps.Core.Lists.Intake;

namespace TldOps.Core.Tests.Lists;

public sealed class ListOptionsTests
{
    [Fact]
    public void The_defaults_validate_and_deliver_into_the_outbox()
    {
        var options = new ListOptions().Validate();

        Assert.Equal("tld-ops@tld-ops.localhost", options.Addresses.Posting);
        Assert.Equal(DeliveryMode.Outbox, options.Delivery.EffectiveMode);
        Assert.Equal(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 2525), options.Listener.SmtpEndPoint);
    }

    [Fact]
    public void A_smarthost_switches_auto_delivery_to_it_with_port_25_by_default()
    {
        var options = new ListOptions();
        options.Delivery.Smarthost = "relay.example";

        Assert.Equal(DeliveryMode.Smarthost, options.Validate().Delivery.EffectiveMode);
        Assert.Equal(("relay.example", 25), options.Delivery.SmarthostEndPoint());
        options.Delivery.Smarthost = "[::1]:2526";
        Assert.Equal(("::1", 2526), options.Delivery.SmarthostEndPoint());
    }

    [Theory]
    [InlineData(nameof(ListOptions.Name), "a name with spaces")]
    [InlineData(nameof(ListOptions.Name), "this-list-name-is-far-too-long-for-verp")]
    [InlineData(nameof(ListOptions.Domain), "user@example.org")]
    [InlineData(nameof(ListOptions.DkimSelector), "bad selector")]
    public void Settings_that_cannot_work_are_refused_at_start_naming_the_setting(string setting, string value)
    {
        var options = new ListOptions();
        typeof(ListOptions).GetProperty(setting)!.SetValue(options, value);

        var error = Assert.Throws<InvalidOperationException>(() => options.Validate());
        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1:2525", true)]
    [InlineData("[::1]:24", true)]
    [InlineData("localhost:0", true)]
    [InlineData("mail.example:25", false)]
    [InlineData("127.0.0.1", false)]
    [InlineData("127.0.0.1:70000", false)]
    public void Listener_endpoints_are_addresses_with_ports(string text, bool valid)
    {
        if (valid)
        {
            Assert.NotNull(ListenerOptions.ParseEndPoint(text, "Smtp"));
        }
        else
        {
            Assert.Throws<InvalidOperationException>(() => ListenerOptions.ParseEndPoint(text, "Smtp"));
        }
    }

    [Fact]
    public void A_footer_for_an_unknown_language_is_refused()
    {
        var options = new ListOptions();
        options.FooterTexts["de"] = "Fußzeile";

        Assert.Throws<InvalidOperationException>(() => options.Validate());
    }
}
