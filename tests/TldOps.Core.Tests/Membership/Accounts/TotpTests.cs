using System.Text;
using TldOps.Core.Membership.Accounts;

namespace TldOps.Core.Tests.Membership.Accounts;

public sealed class TotpTests
{
    // RFC 6238 Appendix B: the SHA-1 seed is the ASCII of "12345678901234567890".
    private static readonly byte[] RfcSecret = Encoding.ASCII.GetBytes("12345678901234567890");

    /// <summary>RFC 6238 Appendix B, the SHA-1 rows: Unix time and the 8-digit TOTP.</summary>
    public static TheoryData<long, string> RfcVectors() => new()
    {
        { 59, "94287082" },
        { 1111111109, "07081804" },
        { 1111111111, "14050471" },
        { 1234567890, "89005924" },
        { 2000000000, "69279037" },
        { 20000000000, "65353130" },
    };

    [Theory]
    [MemberData(nameof(RfcVectors))]
    public void The_RFC_6238_test_vectors_come_out(long unixTime, string expected)
    {
        var step = Totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(unixTime));

        Assert.Equal(expected, Totp.Compute(RfcSecret, step, digits: 8));
        // Six digits are the same number modulo 10^6: the last six of the eight.
        Assert.Equal(expected[2..], Totp.Compute(RfcSecret, step));
    }

    [Fact]
    public void The_time_step_is_30_seconds_from_the_epoch()
    {
        Assert.Equal(0, Totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(29)));
        Assert.Equal(1, Totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(30)));
        Assert.Equal(0x23523EC, Totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(1111111109))); // RFC 6238 Appendix B, T column
    }

    [Fact]
    public void A_code_of_the_previous_current_or_next_step_matches_and_others_do_not()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1234567890);
        var step = Totp.StepAt(now);

        for (var offset = -3; offset <= 3; offset++)
        {
            var code = Totp.Compute(RfcSecret, step + offset);
            var matched = Totp.Match(RfcSecret, code, now, lastAcceptedStep: null);
            Assert.Equal(Math.Abs(offset) <= Totp.Window ? step + offset : null, matched);
        }
    }

    [Fact]
    public void A_code_already_accepted_or_older_than_the_last_accepted_is_refused()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1234567890);
        var step = Totp.StepAt(now);
        var code = Totp.Compute(RfcSecret, step);

        Assert.Equal(step, Totp.Match(RfcSecret, code, now, lastAcceptedStep: step - 1));
        Assert.Null(Totp.Match(RfcSecret, code, now, lastAcceptedStep: step));
        Assert.Null(Totp.Match(RfcSecret, Totp.Compute(RfcSecret, step - 1), now, lastAcceptedStep: step));
        Assert.Equal(step + 1, Totp.Match(RfcSecret, Totp.Compute(RfcSecret, step + 1), now, lastAcceptedStep: step));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12a456")]
    [InlineData("１２３４５６")] // full-width digits are not ASCII digits
    [InlineData("                                                   ")]
    public void Junk_never_matches(string? code)
    {
        Assert.Null(Totp.Match(RfcSecret, code, DateTimeOffset.FromUnixTimeSeconds(59), null));
    }

    [Fact]
    public void Spaces_in_a_typed_code_are_ignored()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(59);
        var code = Totp.Compute(RfcSecret, Totp.StepAt(now));

        Assert.NotNull(Totp.Match(RfcSecret, $" {code[..3]} {code[3..]} ", now, null));
    }

    [Fact]
    public void The_key_URI_carries_issuer_account_and_base32_secret()
    {
        var uri = new Uri(Totp.KeyUri(RfcSecret, "TLD-OPS", "ada@nic.fr"));

        Assert.Equal("otpauth", uri.Scheme);
        Assert.Equal("totp", uri.Host);
        Assert.Equal("/TLD-OPS:ada%40nic.fr", uri.AbsolutePath);
        Assert.Contains("secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", uri.Query, StringComparison.Ordinal);
        Assert.Contains("issuer=TLD-OPS", uri.Query, StringComparison.Ordinal);
        Assert.Contains("digits=6", uri.Query, StringComparison.Ordinal);
        Assert.Contains("period=30", uri.Query, StringComparison.Ordinal);
    }
}
