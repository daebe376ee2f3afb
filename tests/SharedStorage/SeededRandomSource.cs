using TldOps.Core.Common;

namespace TldOps.Testing;

/// <summary>Repeatable randomness for tests: the same seed gives the same tokens and ids.</summary>
public sealed class SeededRandomSource(int seed = 20261121) : IRandomSource
{
    private readonly Random _random = new(seed);
    private readonly Lock _gate = new();

    public void Fill(Span<byte> buffer)
    {
        lock (_gate)
        {
            _random.NextBytes(buffer);
        }
    }

    public int Next(int exclusiveMaximum)
    {
        lock (_gate)
        {
            return _random.Next(exclusiveMaximum);
        }
    }
}
