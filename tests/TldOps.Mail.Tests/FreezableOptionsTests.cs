using TldOps.Mail.Addresses;
using TldOps.Mail.Dkim;
using TldOps.Mail.Mime;
using TldOps.Mail.Smtp;
using TldOps.Mail.Smtp.Client;
using TldOps.Mail.Smtp.Server;

namespace TldOps.Mail.Tests;

public sealed class FreezableOptionsTests
{
    [Fact]
    public void Freeze_returns_the_same_instance_and_its_setters_then_throw_naming_the_type()
    {
        var options = new SampleOptions { Limit = 20, Name = "a" };

        Assert.Same(options, options.Freeze());
        Assert.True(options.IsFrozen);
        var error = Assert.Throws<InvalidOperationException>(() => options.Limit = 30);
        Assert.Contains("SampleOptions are frozen", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => options.Name = "b");
        Assert.Throws<InvalidOperationException>(() => options.Delay = TimeSpan.Zero);
        Assert.Throws<InvalidOperationException>(() => options.AddTag("x"));
        Assert.Equal(20, options.Limit);
        Assert.Equal("a", options.Name);
        Assert.Equal(["default"], options.Tags);
    }

    [Fact]
    public void A_frozen_instance_refuses_an_out_of_range_value_as_frozen()
    {
        var options = new SampleOptions().Freeze();

        Assert.Throws<InvalidOperationException>(() => options.Limit = 0);
        Assert.Throws<InvalidOperationException>(() => options.Delay = TimeSpan.FromSeconds(-1));
    }

    [Fact]
    public void A_clone_is_unfrozen_keeps_every_value_and_changes_independently()
    {
        var original = new SampleOptions { Limit = 42, Name = "original", Delay = TimeSpan.FromSeconds(3) };
        original.AddTag("kept");
        original.Freeze();

        var clone = original.Clone();

        Assert.NotSame(original, clone);
        Assert.False(clone.IsFrozen);
        Assert.True(original.IsFrozen);
        Assert.Equal((42, "original", TimeSpan.FromSeconds(3)), (clone.Limit, clone.Name, clone.Delay));
        Assert.Equal(["default", "kept"], clone.Tags);

        clone.Limit = 7;
        clone.Name = "clone";
        clone.AddTag("clone only");

        Assert.Equal((42, "original"), (original.Limit, original.Name));
        Assert.Equal(["default", "kept"], original.Tags);
        Assert.Equal(["default", "kept", "clone only"], clone.Tags);
    }

    [Fact]
    public void Cloning_an_unfrozen_instance_gives_each_its_own_collection()
    {
        var original = new SampleOptions();
        var clone = original.Clone();

        original.AddTag("original only");
        clone.AddTag("clone only");

        Assert.Equal(["default", "original only"], original.Tags);
        Assert.Equal(["default", "clone only"], clone.Tags);
        Assert.False(original.IsFrozen);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(50)]
    [InlineData(100)]
    public void Values_in_range_are_stored_ends_included(int value)
    {
        var options = new SampleOptions { Limit = value };

        Assert.Equal(value, options.Limit);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    [InlineData(int.MinValue)]
    [InlineData(int.MaxValue)]
    public void Values_out_of_range_throw_and_leave_the_old_value(int value)
    {
        var options = new SampleOptions();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => options.Limit = value);

        Assert.Equal("value", error.ParamName);
        Assert.Equal(10, options.Limit);
    }

    [Fact]
    public void A_lower_bound_alone_accepts_the_bound_and_refuses_below_it()
    {
        var options = new SampleOptions { Delay = TimeSpan.Zero };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => options.Delay = TimeSpan.FromTicks(-1));

        Assert.Equal("value", error.ParamName);
        Assert.Equal(TimeSpan.Zero, options.Delay);
    }

    [Fact]
    public void Every_mail_default_is_frozen_and_its_clone_is_not()
    {
        (string Name, bool Frozen, bool CloneFrozen)[] cases =
        [
            Check(nameof(AddressParserOptions), AddressParserOptions.Default),
            Check(nameof(MimeParserOptions), MimeParserOptions.Default),
            Check(nameof(FormatOptions), FormatOptions.Default),
            Check(nameof(FormatOptions.Unix), FormatOptions.Unix),
            Check(nameof(FormatOptions.International), FormatOptions.International),
            Check(nameof(DkimSignerOptions), DkimSignerOptions.Default),
            Check(nameof(DkimVerifierOptions), DkimVerifierOptions.Default),
            Check(nameof(SmtpAddressParserOptions), SmtpAddressParserOptions.Default),
            Check(nameof(SmtpServerLimits), SmtpServerLimits.Default),
            Check(nameof(SmtpClientOptions), SmtpClientOptions.Default),
            Check(nameof(SmtpConnectionPoolOptions), SmtpConnectionPoolOptions.Default),
        ];

        Assert.All(cases, c => Assert.True(c.Frozen && !c.CloneFrozen, c.Name));
    }

    [Fact]
    public void A_clone_of_a_real_options_class_keeps_values_that_differ_from_the_defaults()
    {
        var unix = FormatOptions.Unix.Clone();
        var international = FormatOptions.International.Clone();

        Assert.Equal("\n", unix.NewLine);
        Assert.True(international.AllowUtf8Headers && international.Allow8BitBody);
        Assert.Equal("\r\n", international.NewLine);
    }

    [Fact]
    public void Replacing_a_list_on_a_dkim_clone_leaves_the_default_alone()
    {
        var clone = DkimSignerOptions.Default.Clone();

        clone.SignedHeaders = ["From"];

        Assert.Equal(["From"], clone.SignedHeaders);
        Assert.Contains("Subject", DkimSignerOptions.Default.SignedHeaders);
        Assert.Equal(DkimSignerOptions.Default.OversignedHeaders, clone.OversignedHeaders);
    }

    [Fact]
    public void A_nullable_limit_checks_its_range_only_when_set()
    {
        var limits = SmtpServerLimits.Default.Clone();

        limits.MaxConnectionsPerIpPerMinute = null;
        limits.MaxConnectionsPerIpPerMinute = 1_000_000;

        Assert.Equal(1_000_000, limits.MaxConnectionsPerIpPerMinute);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => limits.MaxConnectionsPerIpPerMinute = 0);
        Assert.Equal("value", error.ParamName);
        Assert.Throws<InvalidOperationException>(() => SmtpServerLimits.Default.MaxConnectionsPerIpPerMinute = null);
    }

    private static (string, bool, bool) Check<T>(string name, FreezableOptions<T> options)
        where T : FreezableOptions<T> => (name, options.IsFrozen, options.Clone().IsFrozen);

    /// <summary>An options class of the usual shape, with a list it changes in place.</summary>
    private sealed class SampleOptions : FreezableOptions<SampleOptions>
    {
        private int _limit = 10;
        private string _name = "sample";
        private TimeSpan _delay = TimeSpan.FromSeconds(1);
        private List<string> _tags = ["default"];

        public int Limit { get => _limit; set => SetInRange(ref _limit, value, 1, 100); }

        public string Name { get => _name; set => Set(ref _name, value); }

        public TimeSpan Delay { get => _delay; set => SetAtLeast(ref _delay, value, TimeSpan.Zero); }

        public IReadOnlyList<string> Tags => _tags;

        public void AddTag(string tag)
        {
            ThrowIfFrozen();
            _tags.Add(tag);
        }

        protected override void CopyMutableState() => _tags = [.. _tags];
    }
}
