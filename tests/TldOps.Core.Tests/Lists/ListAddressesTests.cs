using TldOps.Core.Lists;
using TldOps.Core.Lists.Delivery;

namespace TldOps.Core.Tests.Lists;

public sealed class ListAddressesTests
{
    private readonly ListAddresses _addresses = new("tld-ops", "Lists.Example");

    [Theory]
    [InlineData("tld-ops@lists.example", ListAddressKind.Posting)]
    [InlineData("TLD-OPS@LISTS.EXAMPLE", ListAddressKind.Posting)]
    [InlineData("tld-ops-request@lists.example", ListAddressKind.Request)]
    [InlineData("tld-ops-owner@lists.example", ListAddressKind.Owner)]
    [InlineData("postmaster@lists.example", ListAddressKind.Owner)]
    [InlineData("tld-ops-bounces@lists.example", ListAddressKind.Bounces)]
    [InlineData("tld-ops-bounces+a2b3c4d5e6@lists.example", ListAddressKind.Bounces)]
    [InlineData("tld-ops@other.example", ListAddressKind.None)]
    [InlineData("tld-ops-admin@lists.example", ListAddressKind.None)]
    [InlineData("tld-ops-bounces+@lists.example", ListAddressKind.None)]
    [InlineData("nobody", ListAddressKind.None)]
    [InlineData("", ListAddressKind.None)]
    public void Each_address_of_the_list_is_recognised_and_nothing_else(string address, ListAddressKind expected)
    {
        Assert.Equal(expected, _addresses.Classify(address, out _));
    }

    [Fact]
    public void A_verp_address_yields_its_token_as_written()
    {
        Assert.Equal(ListAddressKind.Bounces, _addresses.Classify("tld-ops-bounces+v-42-7@lists.example", out var token));
        Assert.Equal("v-42-7", token);
        Assert.Equal("tld-ops-bounces+v-42-7@lists.example", _addresses.Verp(token!));
    }

    [Fact]
    public void The_list_id_and_addresses_derive_from_name_and_domain()
    {
        Assert.Equal("tld-ops.lists.example", _addresses.ListId);
        Assert.Equal("tld-ops-request@lists.example", _addresses.Request);
        Assert.Equal(("tld-ops-bounces+", "@lists.example"), _addresses.VerpParts);
    }

    [Fact]
    public void The_longest_verp_local_part_of_the_longest_allowed_name_fits_rfc_5321()
    {
        var name = new string('n', ListOptions.MaxNameLength);
        var local = new ListAddresses(name, "example.org").Verp(VerpToken.ForSystemCopy(long.MaxValue, 99_999)).Split('@')[0];

        Assert.True(local.Length <= 64, $"{local.Length} octets");
        Assert.Equal(VerpToken.MaxLength, VerpToken.ForSystemCopy(long.MaxValue, 99_999).Length);
    }
}
