using TldOps.Core.Membership;

namespace TldOps.Server.Tests.Membership;

public sealed class EmailSyntaxTests
{
    [Theory]
    [InlineData("jacques.latour@cira.ca", "jacques.latour@cira.ca")]
    [InlineData("  First.Last+tag@Example.FR ", "First.Last+tag@example.fr")]
    [InlineData("o'brien@nic.ie", "o'brien@nic.ie")]
    [InlineData("a!#$%&'*+-/=?^_`{|}~z@example.org", "a!#$%&'*+-/=?^_`{|}~z@example.org")]
    [InlineData("security@xn--j1ay.xn--p1ai", "security@кц.рф")]
    [InlineData("security@КЦ.РФ", "security@кц.рф")]
    [InlineData("noc@sub-domain.example.co.uk", "noc@sub-domain.example.co.uk")]
    public void Valid_addresses_are_normalised(string text, string expected)
    {
        Assert.True(EmailSyntax.TryNormalise(text, out var address, out var reason), reason);
        Assert.Equal(expected, address);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("jacques.latour", "no @")]
    [InlineData("a@b@example.fr", "more than one @")]
    [InlineData("\"quoted\"@example.fr", "may not contain '\"'")]
    [InlineData("@example.fr", "nothing before the @")]
    [InlineData("user@", "nothing after the @")]
    [InlineData("user@localhost", "single label")]
    [InlineData(".user@example.fr", "dot")]
    [InlineData("us..er@example.fr", "dot")]
    [InlineData("user.@example.fr", "dot")]
    [InlineData("us er@example.fr", "space")]
    [InlineData("üser@example.fr", "ASCII")]
    [InlineData("user@[192.0.2.1]", "address literals")]
    [InlineData("user@-example.fr", "not a valid domain")]
    [InlineData("user@example..fr", "not a valid domain")]
    [InlineData("user@exa_mple.fr", "not a valid domain")]
    [InlineData("user@192.0.2.1", "numeric")]
    [InlineData("user@xn--zz.fr", "not a valid domain")]
    [InlineData("user@xn--.fr", "not a valid domain")]
    [InlineData("Jacques <jacques@cira.ca>", "may not contain")]
    public void Invalid_addresses_are_refused_with_a_reason(string text, string reasonPart)
    {
        Assert.False(EmailSyntax.TryNormalise(text, out var address, out var reason));
        Assert.Null(address);
        Assert.Contains(reasonPart, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Length_limits_of_RFC_5321_are_enforced()
    {
        var local64 = new string('a', 64);
        Assert.True(EmailSyntax.IsValid(local64 + "@example.fr"));
        Assert.False(EmailSyntax.IsValid(local64 + "a@example.fr"));

        var label = new string('b', 63);
        Assert.True(EmailSyntax.IsValid($"x@{label}.fr"));
        Assert.False(EmailSyntax.IsValid($"x@{label}b.fr"));

        // 254 characters in all is the most a path of 256 octets with its brackets can carry.
        var domain = string.Join('.', Enumerable.Repeat(new string('c', 60), 4)) + ".org"; // 247 characters
        Assert.True(EmailSyntax.IsValid("abcdef@" + domain));
        Assert.False(EmailSyntax.IsValid("abcdefg@" + domain));
    }
}
