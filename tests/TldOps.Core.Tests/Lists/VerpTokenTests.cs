using TldOps.Core.Lists.Delivery;

namespace TldOps.Core.Tests.Lists;

public sealed class VerpTokenTests
{
    [Fact]
    public void A_member_token_is_the_public_id_and_reads_back_in_any_case()
    {
        var token = VerpToken.ForMember("a2b3c4d5e6");

        Assert.True(VerpToken.TryGetMember(token.ToUpperInvariant(), out var id));
        Assert.Equal("a2b3c4d5e6", id);
        Assert.False(VerpToken.TryGetSystemCopy(token, out _, out _));
    }

    [Fact]
    public void A_system_copy_token_names_the_entry_and_the_recipient_and_is_never_a_member()
    {
        var token = VerpToken.ForSystemCopy(1234, 7);

        Assert.Equal("v-1234-7", token);
        Assert.True(VerpToken.TryGetSystemCopy(token, out var entry, out var index));
        Assert.Equal((1234L, 7), (entry, index));
        Assert.False(VerpToken.TryGetMember(token, out _));
    }

    [Theory]
    [InlineData("v-")]
    [InlineData("v-12")]
    [InlineData("v--3")]
    [InlineData("v-1-x")]
    [InlineData("a2b3c4d5e")]
    [InlineData("a2b3c4d5e6f")]
    [InlineData("o0o0o0o0o0")]
    public void Malformed_tokens_name_nobody(string token)
    {
        Assert.False(VerpToken.TryGetMember(token, out _));
        Assert.False(VerpToken.TryGetSystemCopy(token, out _, out _));
    }

    [Fact]
    public void Only_well_formed_public_ids_make_member_tokens()
    {
        Assert.Throws<ArgumentException>(() => VerpToken.ForMember("not-an-id"));
    }
}
