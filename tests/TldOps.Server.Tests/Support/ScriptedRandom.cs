using TldOps.Core.Common;

namespace TldOps.Server.Tests.Support;

/// <summary>
/// Randomness that replays a script of integers (then repeats its last one), so that a test can
/// force a public-id collision.
/// </summary>
internal sealed class ScriptedRandom(params int[] script) : IRandomSource
{
    private int _next;

    public void Fill(Span<byte> buffer)
    {
        for (var i = 0; i < buffer.Length; i++)
        {
            buffer[i] = (byte)Next(256);
        }
    }

    public int Next(int exclusiveMaximum)
    {
        var value = script[Math.Min(_next, script.Length - 1)];
        _next++;
        return value % exclusiveMaximum;
    }
}
