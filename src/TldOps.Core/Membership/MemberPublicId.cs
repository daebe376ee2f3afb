using TldOps.Core.Common;

namespace TldOps.Core.Membership;

/// <summary>
/// Makes the short public ids of members. They go into VERP return paths
/// ("tld-ops-bounces+k7m2q9xw4t@…"), where some mail systems fold case, so the alphabet is lower
/// case letters and digits without the look-alikes 0/o and 1/l/i: 31 symbols, 10 of them give
/// about 49.5 bits, enough that guessing another member's id is hopeless and collisions rare
/// (the store retries on one).
/// </summary>
public static class MemberPublicId
{
    public const int Length = 10;

    public const string Alphabet = "23456789abcdefghjkmnpqrstuvwxyz";

    public static string Create(IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return string.Create(Length, random, static (span, source) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[source.Next(Alphabet.Length)];
            }
        });
    }

    /// <summary>True when <paramref name="text"/> has the shape of a public id (used before any look-up).</summary>
    public static bool IsWellFormed(string? text) =>
        text is { Length: Length } && text.All(c => Alphabet.Contains(c, StringComparison.Ordinal));
}
