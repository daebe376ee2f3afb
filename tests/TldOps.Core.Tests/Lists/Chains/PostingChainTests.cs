using TldOps.Core.Lists;
using TldOps.Core.Lists.Chains;
using TldOps.Core.Lists.Rules;
using TldOps.Core.Tests.Lists.Support;

namespace TldOps.Core.Tests.Lists.Chains;

public sealed class PostingChainTests
{
    private readonly PostingChain _chain = DefaultPostingChain.Create();

    [Fact]
    public void A_members_post_is_accepted_with_every_rule_in_the_trace()
    {
        var decision = _chain.Run(Posts.Posting());

        Assert.Equal(ChainAction.Accept, decision.Action);
        Assert.Equal(DefaultPostingChain.Links.Select(l => l.Rule), decision.Trace.Select(c => c.Rule));
        Assert.All(decision.Trace, c => Assert.False(c.Hit));
        Assert.Empty(decision.Causes);
    }

    [Fact]
    public void Every_hold_reason_is_collected_so_the_committee_sees_them_all()
    {
        var options = Posts.Options();
        options.MaxMessageBytes = 1024;

        var decision = _chain.Run(Posts.Posting(Posts.Message(subject: "TLP:RED"), options, noMember: true, size: 5000));

        Assert.Equal(ChainAction.Hold, decision.Action);
        Assert.Equal(["not-member", "tlp-red", "max-size"], decision.Causes.Select(c => c.Rule));
    }

    [Fact]
    public void A_loop_is_discarded_before_anything_else_even_from_a_banned_non_member()
    {
        var looped = Posts.Message(extraHeaders: "List-Id: <tld-ops.lists.example>\r\n");

        var decision = _chain.Run(Posts.Posting(looped, noMember: true, banned: "@nic.example.br"));

        Assert.Equal(ChainAction.Discard, decision.Action);
        Assert.Equal("loop", Assert.Single(decision.Trace).Rule);
    }

    [Fact]
    public void A_banned_address_is_rejected_not_held()
    {
        var decision = _chain.Run(Posts.Posting(noMember: true, banned: "ana@nic.example.br"));

        Assert.Equal(ChainAction.Reject, decision.Action);
        Assert.Equal("banned-address", Assert.Single(decision.Causes).Rule);
    }

    [Fact]
    public void A_chain_is_data_an_accept_link_ends_the_run()
    {
        var chain = new PostingChain([new Link(new EmergencyRule(), ChainAction.Accept), new Link(new NotMemberRule(), ChainAction.Hold)]);
        var emergency = Posts.Options();
        emergency.EmergencyModeration = true;

        var decision = chain.Run(Posts.Posting(options: emergency, noMember: true));

        Assert.Equal(ChainAction.Accept, decision.Action);
        Assert.Single(decision.Trace);
    }

    [Fact]
    public void The_default_chain_needs_each_of_its_rules()
    {
        var error = Assert.Throws<InvalidOperationException>(() => DefaultPostingChain.Create(DefaultPostingChain.Rules().Where(r => r.Name != "tlp-red")));
        Assert.Contains("tlp-red", error.Message, StringComparison.Ordinal);
    }
}
