namespace TldOps.Core.Common;

/// <summary>
/// Randomness through one narrow door, so that tests can make it repeatable. Production uses
/// <see cref="CryptoRandomSource"/>: tokens, ids and keys must be unpredictable.
/// </summary>
public interface IRandomSource
{
    /// <summary>Fills <paramref name="buffer"/> with random bytes.</summary>
    void Fill(Span<byte> buffer);

    /// <summary>A uniformly distributed integer in [0, <paramref name="exclusiveMaximum"/>).</summary>
    int Next(int exclusiveMaximum);
}
