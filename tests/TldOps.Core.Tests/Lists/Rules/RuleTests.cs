using TldOps.Core.Lists;
using TldOps.Core.Lists.Rules;
using TldOps.Core.Tests.Lists.Support;

namespace TldOps.Core.Tests.Lists.Rules;

public sealed class LoopRuleTests
{
    [Fact]
    public void Our_own_list_id_is_a_loop_whatever_the_phrase_and_case()
    {
        var rule = new LoopRule();
        var looped = Posts.Message(extraHeaders: "List-Id: Some phrase <TLD-OPS.Lists.Example>\r\n");

        var result = rule.Check(Posts.Posting(looped));

        Assert.True(result.Hit);
        Assert.Contains("tld-ops.lists.example", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_list_id_is_not_a_loop()
    {
        var other = Posts.Message(extraHeaders: "List-Id: Other <dns-operations.lists.dns-oarc.net>\r\n");

        Assert.False(new LoopRule().Check(Posts.Posting(other)).Hit);
        Assert.False(new LoopRule().Check(Posts.Posting()).Hit);
    }
}

public sealed class BannedAddressRuleTests
{
    [Fact]
    public void A_banned_author_hits_with_the_pattern_named()
    {
        var result = new BannedAddressRule().Check(Posts.Posting(banned: "@nic.example.br"));

        Assert.True(result.Hit);
        Assert.Contains("@nic.example.br", result.Reason, StringComparison.Ordinal);
        Assert.False(new BannedAddressRule().Check(Posts.Posting()).Hit);
    }
}

public sealed class EmergencyRuleTests
{
    [Fact]
    public void Emergency_moderation_holds_every_post_only_while_it_is_on()
    {
        var on = Posts.Options();
        on.EmergencyModeration = true;

        Assert.True(new EmergencyRule().Check(Posts.Posting(options: on)).Hit);
        Assert.False(new EmergencyRule().Check(Posts.Posting()).Hit);
    }
}

public sealed class NotMemberRuleTests
{
    [Fact]
    public void An_unknown_author_is_not_a_member()
    {
        var result = new NotMemberRule().Check(Posts.Posting(noMember: true));

        Assert.True(result.Hit);
        Assert.Contains("ana@nic.example.br is not a member", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_suspended_member_is_held_too_but_an_active_one_passes()
    {
        Assert.True(new NotMemberRule().Check(Posts.Posting(member: Posts.Member(status: "suspended"))).Hit);
        Assert.False(new NotMemberRule().Check(Posts.Posting()).Hit);
    }

    [Fact]
    public void A_message_without_a_readable_from_cannot_come_from_a_member()
    {
        var anonymous = Posts.Message(from: "undisclosed-recipients:;");

        Assert.True(new NotMemberRule().Check(Posts.Posting(anonymous, noMember: true)).Hit);
    }
}

public sealed class AuthenticationRuleTests
{
    [Fact]
    public void The_from_header_only_policy_records_the_evidence_but_never_holds()
    {
        var result = new AuthenticationRule().Check(Posts.Posting());

        Assert.False(result.Hit);
        Assert.Contains("From header only", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Requiring_aligned_dkim_holds_posts_without_it_and_passes_those_with_it()
    {
        var strict = Posts.Options();
        strict.AuthenticationPolicy = AuthenticationPolicy.RequireAlignedDkim;

        Assert.True(new AuthenticationRule().Check(Posts.Posting(options: strict)).Hit);
        var signed = new AuthenticationRule().Check(Posts.Posting(options: strict, authenticated: "nic.example.br"));
        Assert.False(signed.Hit);
        Assert.Contains("nic.example.br", signed.Reason, StringComparison.Ordinal);
    }
}

public sealed class TlpRedRuleTests
{
    [Fact]
    public void Tlp_red_in_the_subject_or_the_first_line_is_held()
    {
        Assert.True(new TlpRedRule().Check(Posts.Posting(Posts.Message(subject: "[ALERT] TLP:RED breach"))).Hit);
        Assert.True(new TlpRedRule().Check(Posts.Posting(Posts.Message(body: "\r\nTLP:RED\r\nDetails.\r\n"))).Hit);
        var amber = new TlpRedRule().Check(Posts.Posting(Posts.Message(subject: "TLP:AMBER")));
        Assert.False(amber.Hit);
        Assert.Equal("Labelled TLP:AMBER.", amber.Reason);
    }
}

public sealed class MaxSizeRuleTests
{
    [Fact]
    public void A_post_over_the_limit_hits_and_one_at_the_limit_does_not()
    {
        var options = Posts.Options();
        options.MaxMessageBytes = 2048;

        Assert.True(new MaxSizeRule().Check(Posts.Posting(options: options, size: 2049)).Hit);
        Assert.False(new MaxSizeRule().Check(Posts.Posting(options: options, size: 2048)).Hit);
    }
}

public sealed class MaxRecipientsRuleTests
{
    [Fact]
    public void To_and_cc_count_together_against_the_limit()
    {
        var options = Posts.Options();
        options.MaxRecipients = 3;
        var four = Posts.Message(extraHeaders: "Cc: a@example.org, b@example.org, Group: c@example.org;\r\n");
        var three = Posts.Message(extraHeaders: "Cc: a@example.org, b@example.org\r\n");

        var result = new MaxRecipientsRule().Check(Posts.Posting(four, options));
        Assert.True(result.Hit);
        Assert.Contains("4 addresses", result.Reason, StringComparison.Ordinal);
        Assert.False(new MaxRecipientsRule().Check(Posts.Posting(three, options)).Hit);
    }
}
