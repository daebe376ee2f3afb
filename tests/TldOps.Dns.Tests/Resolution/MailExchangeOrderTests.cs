using TldOps.Dns.Records;
using TldOps.Dns.Tests.Support;

namespace TldOps.Dns.Tests.Resolution;

public sealed class MailExchangeOrderTests
{
    private static readonly MxRecord[] Records =
    [
        new("example.test", 60, 20, "c.example.test"),
        new("example.test", 60, 10, "a.example.test"),
        new("example.test", 60, 10, "b.example.test"),
        new("example.test", 60, 30, "d.example.test"),
        new("example.test", 60, 10, "A.EXAMPLE.TEST"),
        new("example.test", 60, 5, "d.example.test"),
    ];

    [Fact]
    public void Exchanges_come_by_preference_with_duplicates_folded_to_their_best()
    {
        var resolver = TestResolvers.Create([]);

        var ordered = resolver.OrderExchanges(Records);

        Assert.Equal("d.example.test", ordered[0].Host);
        Assert.Equal("c.example.test", ordered[^1].Host);
        Assert.Equal([5, 10, 10, 20], ordered.Select(e => (int)e.Preference));
        Assert.Equal(["a.example.test", "b.example.test"], ordered.Where(e => e.Preference == 10).Select(e => e.Host.ToLowerInvariant()).Order());
    }

    [Fact]
    public void Equal_preferences_are_shuffled_by_the_injected_random_source()
    {
        var firsts = new HashSet<string>();
        for (var seed = 0; seed < 32; seed++)
        {
            var resolver = TestResolvers.Create([], seed: seed);
            firsts.Add(resolver.OrderExchanges(Records).First(e => e.Preference == 10).Host.ToLowerInvariant());
        }

        Assert.Equal(["a.example.test", "b.example.test"], firsts.Order());
    }

    [Fact]
    public void The_same_seed_gives_the_same_order()
    {
        var one = TestResolvers.Create([], seed: 7).OrderExchanges(Records);
        var two = TestResolvers.Create([], seed: 7).OrderExchanges(Records);

        Assert.Equal(one, two);
    }
}
