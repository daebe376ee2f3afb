using System.Buffers.Binary;
using System.Text;

namespace TldOps.Dns.Tests.Support;

/// <summary>Builds DNS packets byte by byte, so tests can say exactly what is on the wire, broken or not.</summary>
internal sealed class PacketBuilder
{
    private readonly List<byte> _bytes = [];

    public int Position => _bytes.Count;

    public PacketBuilder Header(ushort id, ushort flags, ushort questions, ushort answers, ushort authorities = 0, ushort additionals = 0) =>
        U16(id).U16(flags).U16(questions).U16(answers).U16(authorities).U16(additionals);

    public PacketBuilder U8(byte value)
    {
        _bytes.Add(value);
        return this;
    }

    public PacketBuilder U16(ushort value)
    {
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(b, value);
        _bytes.AddRange(b.ToArray());
        return this;
    }

    public PacketBuilder U32(uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, value);
        _bytes.AddRange(b.ToArray());
        return this;
    }

    public PacketBuilder Bytes(params byte[] value)
    {
        _bytes.AddRange(value);
        return this;
    }

    public PacketBuilder Text(string ascii) => Bytes(Encoding.ASCII.GetBytes(ascii));

    /// <summary>One label: its length octet, then its text.</summary>
    public PacketBuilder Label(string text) => U8((byte)text.Length).Text(text);

    /// <summary>An uncompressed name ("." is the root).</summary>
    public PacketBuilder Name(string name)
    {
        if (name != ".")
        {
            foreach (var label in name.Split('.'))
            {
                Label(label);
            }
        }

        return U8(0);
    }

    /// <summary>A compression pointer to <paramref name="offset"/>.</summary>
    public PacketBuilder Pointer(int offset) => U16((ushort)(0xC000 | offset));

    public PacketBuilder Question(string name, ushort type, ushort @class = 1) => Name(name).U16(type).U16(@class);

    /// <summary>A record whose owner is written by <paramref name="owner"/> and RDATA by <paramref name="data"/>; RDLENGTH is filled in.</summary>
    public PacketBuilder Record(Action<PacketBuilder> owner, ushort type, uint ttl, Action<PacketBuilder> data, ushort @class = 1)
    {
        owner(this);
        U16(type).U16(@class).U32(ttl);
        var lengthAt = Position;
        U16(0);
        data(this);
        var length = Position - lengthAt - 2;
        _bytes[lengthAt] = (byte)(length >> 8);
        _bytes[lengthAt + 1] = (byte)length;
        return this;
    }

    public PacketBuilder Record(string owner, ushort type, uint ttl, Action<PacketBuilder> data, ushort @class = 1) =>
        Record(b => b.Name(owner), type, ttl, data, @class);

    public byte[] ToArray() => [.. _bytes];
}
