using System.Security.Cryptography;

namespace TldOps.Core.Common;

/// <summary>The operating system's cryptographic random number generator.</summary>
public sealed class CryptoRandomSource : IRandomSource
{
    public void Fill(Span<byte> buffer) => RandomNumberGenerator.Fill(buffer);

    public int Next(int exclusiveMaximum) => RandomNumberGenerator.GetInt32(exclusiveMaximum);
}
