using TldOps.Core.Membership.Authority;
using TldOps.Core.Membership.Joining;

namespace TldOps.Core.Tests.Membership;

/// <summary>Who may decide by reply, for join requests and reconfirmations alike.</summary>
public sealed class ReplyAuthorityTests
{
    private static readonly AdminContact Admin = new("ke", "admin@kenic.or.ke", "Wanjiru", "KeNIC", "en");

    private static ReplyDecision Reply(string from, params string[] copied) =>
        new("ABC123", JoinDecision.Approve, from, copied, "reply-1@mail.example", null);

    [Fact]
    public void The_admin_contact_writing_decides_whatever_the_case_of_its_address()
    {
        Assert.Equal("message:<reply-1@mail.example> from Admin@KeNIC.or.ke", Reply("Admin@KeNIC.or.ke").AuthorityFor(Admin, "admin@kenic.or.ke"));
    }

    [Fact]
    public void Someone_who_copies_the_admin_contact_decides_in_its_name()
    {
        Assert.Equal(
            "cc:admin@kenic.or.ke on message <reply-1@mail.example> from deputy@kenic.or.ke",
            Reply("deputy@kenic.or.ke", "tld-ops-request@lists.example", "ADMIN@kenic.or.ke").AuthorityFor(Admin, "admin@kenic.or.ke"));
    }

    [Fact]
    public void Anyone_else_may_not_decide()
    {
        Assert.Null(Reply("stranger@elsewhere.example", "tld-ops-request@lists.example").AuthorityFor(Admin, "admin@kenic.or.ke"));
    }

    [Fact]
    public void Nobody_decides_once_the_admin_contact_is_not_the_one_asked()
    {
        // The request went to an earlier admin contact; IANA now shows another (or none).
        Assert.Null(Reply("admin@kenic.or.ke").AuthorityFor(Admin, "former@kenic.or.ke"));
        Assert.Null(Reply("former@kenic.or.ke").AuthorityFor(Admin, "former@kenic.or.ke"));
        Assert.Null(Reply("admin@kenic.or.ke").AuthorityFor(null, "admin@kenic.or.ke"));
    }

    [Fact]
    public void A_reply_without_a_message_id_is_still_named_in_the_audit()
    {
        var reply = Reply("admin@kenic.or.ke") with { MessageId = null };
        Assert.Equal("<no-message-id>", reply.MessageRef);
        Assert.Equal("message:<no-message-id> from admin@kenic.or.ke", reply.AuthorityFor(Admin, "admin@kenic.or.ke"));
    }
}
