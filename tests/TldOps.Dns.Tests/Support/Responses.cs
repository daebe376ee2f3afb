using System.Text;
using TldOps.Dns.Wire;

namespace TldOps.Dns.Tests.Support;

/// <summary>Responses the scripted server sends, built from the query it received.</summary>
internal static class Responses
{
    public const ushort NoError = 0x8180;
    public const ushort ServFail = 0x8182;
    public const ushort NxDomain = 0x8183;
    public const ushort Refused = 0x8185;

    /// <summary>An answer with A records for the question's name.</summary>
    public static byte[] A(ReceivedQuery q, uint ttl, params string[] addresses)
    {
        var b = Packets.ResponseTo(q.Message, NoError, (ushort)addresses.Length);
        foreach (var address in addresses)
        {
            b.Record(x => x.Pointer(12), 1, ttl, x => x.Bytes(System.Net.IPAddress.Parse(address).GetAddressBytes()));
        }

        return b.ToArray();
    }

    /// <summary>A response with no answer, and an SOA (TTL, MINIMUM) in the authority section when given.</summary>
    public static byte[] Negative(ReceivedQuery q, ushort flags, (uint Ttl, uint Minimum)? soa)
    {
        var b = Packets.ResponseTo(q.Message, flags, 0, (ushort)(soa is null ? 0 : 1));
        if (soa is { } s)
        {
            b.Record("example.test", 6, s.Ttl, x => x.Name("ns1.example.test").Name("hostmaster.example.test")
                .U32(1).U32(3600).U32(600).U32(86400).U32(s.Minimum));
        }

        return b.ToArray();
    }

    public static byte[] Code(ReceivedQuery q, ushort flags) => Packets.ResponseTo(q.Message, flags, 0).ToArray();

    /// <summary>A TXT answer whose one record holds <paramref name="strings"/>.</summary>
    public static byte[] Txt(ReceivedQuery q, params string[] strings)
    {
        var b = Packets.ResponseTo(q.Message, NoError, 1);
        b.Record(x => x.Pointer(12), 16, 60, x =>
        {
            foreach (var s in strings)
            {
                x.U8((byte)s.Length).Bytes(Encoding.ASCII.GetBytes(s));
            }
        });
        return b.ToArray();
    }

    /// <summary>The same response with another identifier.</summary>
    public static byte[] WithId(byte[] response, ushort id)
    {
        var copy = (byte[])response.Clone();
        copy[0] = (byte)(id >> 8);
        copy[1] = (byte)id;
        return copy;
    }
}
