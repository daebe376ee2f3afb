using System.Text;
using TldOps.Core.Membership.Accounts;

namespace TldOps.Core.Tests.Membership.Accounts;

public sealed class Base32Tests
{
    /// <summary>RFC 4648 §10, without the padding authenticator URIs leave out.</summary>
    [Theory]
    [InlineData("", "")]
    [InlineData("f", "MY")]
    [InlineData("fo", "MZXQ")]
    [InlineData("foo", "MZXW6")]
    [InlineData("foob", "MZXW6YQ")]
    [InlineData("fooba", "MZXW6YTB")]
    [InlineData("foobar", "MZXW6YTBOI")]
    public void The_RFC_4648_vectors_encode_and_decode(string text, string encoded)
    {
        Assert.Equal(encoded, Base32.Encode(Encoding.ASCII.GetBytes(text)));
        Assert.True(Base32.TryDecode(encoded, out var decoded));
        Assert.Equal(text, Encoding.ASCII.GetString(decoded));
    }

    [Fact]
    public void Typed_secrets_decode_whatever_their_case_spacing_and_padding()
    {
        Assert.True(Base32.TryDecode("mzxw 6ytb oi======", out var decoded));
        Assert.Equal("foobar", Encoding.ASCII.GetString(decoded));
    }

    [Theory]
    [InlineData("MZXW1")]   // 1 is not in the alphabet
    [InlineData("MZXW6YTB0I")] // nor is 0
    [InlineData("MZ!")]
    [InlineData("MZ")] // "MZ" leaves non-zero bits after the byte: not canonical
    public void Characters_outside_the_alphabet_or_stray_bits_are_refused(string text)
    {
        Assert.False(Base32.TryDecode(text, out _));
    }

    [Fact]
    public void Every_length_round_trips()
    {
        var random = new Random(6238);
        for (var length = 0; length < 64; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);
            Assert.True(Base32.TryDecode(Base32.Encode(data), out var back));
            Assert.Equal(data, back);
        }
    }
}
