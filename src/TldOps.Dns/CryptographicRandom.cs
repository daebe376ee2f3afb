using System.Security.Cryptography;

namespace TldOps.Dns;

/// <summary>
/// The default randomness source: query identifiers must be unpredictable to an off-path attacker
/// (RFC 5452 §9.2), which a seeded generator is not. Tests inject a seeded <see cref="Random"/> instead.
/// </summary>
internal sealed class CryptographicRandom : Random
{
    public override int Next() => RandomNumberGenerator.GetInt32(int.MaxValue);

    public override int Next(int maxValue) => RandomNumberGenerator.GetInt32(maxValue);

    public override int Next(int minValue, int maxValue) =>
        minValue == maxValue ? minValue : RandomNumberGenerator.GetInt32(minValue, maxValue);

    public override void NextBytes(byte[] buffer) => RandomNumberGenerator.Fill(buffer);

    public override void NextBytes(Span<byte> buffer) => RandomNumberGenerator.Fill(buffer);

    public override double NextDouble() => Sample();

    protected override double Sample()
    {
        // 53 random bits scaled into [0, 1), the precision of a double.
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        return (BitConverter.ToUInt64(bytes) >> 11) * (1.0 / (1UL << 53));
    }
}
