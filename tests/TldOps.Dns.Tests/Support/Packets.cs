using TldOps.Dns.Wire;

namespace TldOps.Dns.Tests.Support;

/// <summary>Ready-made packets the tests share.</summary>
internal static class Packets
{
    public const ushort ResponseFlags = 0x8180; // QR, RD, RA, NOERROR

    /// <summary>
    /// A response for example.org MX with compression throughout: two MX records, an A record in
    /// the additional section, and an OPT record (payload 1232, DO set).
    /// </summary>
    public static byte[] CompressedMxResponse()
    {
        var b = new PacketBuilder().Header(0xBEEF, ResponseFlags, 1, 2, 0, 2);
        var question = b.Position; // 12
        b.Question("example.org", 15);
        var mx1 = 0;
        b.Record(x => x.Pointer(question), 15, 3600, x =>
        {
            x.U16(10);
            mx1 = x.Position;
            x.Label("mx1").Pointer(question);
        });
        b.Record(x => x.Pointer(question), 15, 3600, x => x.U16(20).Label("mx2").Pointer(question));
        b.Record(x => x.Pointer(mx1), 1, 300, x => x.Bytes(192, 0, 2, 1));
        b.Record(".", (ushort)DnsRecordType.OPT, 0x00008000, _ => { }, @class: 1232);
        return b.ToArray();
    }

    /// <summary>A response with the question copied from <paramref name="query"/> and the given answers.</summary>
    public static PacketBuilder ResponseTo(DnsMessage query, ushort flags, ushort answers, ushort authorities = 0, ushort additionals = 0)
    {
        var q = query.Questions[0];
        return new PacketBuilder()
            .Header(query.Header.Id, flags, 1, answers, authorities, additionals)
            .Question(q.Name, (ushort)q.Type, (ushort)q.Class);
    }
}
