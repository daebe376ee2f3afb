using System.Buffers.Binary;

namespace TldOps.Dns.Wire;

/// <summary>
/// A query to write on the wire: one question, RD set by default, and an EDNS(0) OPT record
/// (RFC 6891) advertising <see cref="UdpPayloadSize"/> unless <see cref="UseEdns"/> is off.
/// </summary>
public sealed class DnsQuery
{
    /// <summary>The default advertised UDP payload size: 1232 bytes, the DNS Flag Day 2020 value that avoids IP fragmentation on a 1280-byte IPv6 MTU.</summary>
    public const ushort DefaultUdpPayloadSize = 1232;

    private readonly ushort _udpPayloadSize = DefaultUdpPayloadSize;

    /// <summary>Creates a query.</summary>
    /// <param name="id">The 16-bit identifier; a resolver draws it at random for each query (RFC 5452 §9.2).</param>
    /// <param name="question">The question; its name must be ASCII presentation form (see <see cref="DnsName.ToAscii"/>).</param>
    /// <exception cref="ArgumentException">The question's name is not a valid ASCII name.</exception>
    public DnsQuery(ushort id, DnsQuestion question)
    {
        ArgumentNullException.ThrowIfNull(question);
        Span<byte> probe = stackalloc byte[DnsName.MaxWireLength];
        if (!DnsName.TryEncode(question.Name, probe, out _, out var problem))
        {
            throw new ArgumentException($"'{question.Name}' is not a valid DNS name: {problem}.", nameof(question));
        }

        Id = id;
        Question = question;
    }

    /// <summary>The identifier.</summary>
    public ushort Id { get; }

    /// <summary>The question.</summary>
    public DnsQuestion Question { get; }

    /// <summary>RD: ask the server to recurse. Default true (TldOps talks to recursive resolvers); false to query authoritative servers.</summary>
    public bool RecursionDesired { get; init; } = true;

    /// <summary>CD: ask a validating resolver not to check DNSSEC (RFC 4035 §3.2.2). Default false.</summary>
    public bool CheckingDisabled { get; init; }

    /// <summary>Whether to add the OPT record. Default true; off only to retry a server that answers FORMERR to EDNS (RFC 6891 §7).</summary>
    public bool UseEdns { get; init; } = true;

    /// <summary>The UDP payload size advertised in the OPT record. Default <see cref="DefaultUdpPayloadSize"/>; at least 512 (RFC 6891 §6.2.5).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 512.</exception>
    public ushort UdpPayloadSize
    {
        get => _udpPayloadSize;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, (ushort)512);
            _udpPayloadSize = value;
        }
    }

    /// <summary>DO: ask for DNSSEC records in the answer (RFC 3225). Default false; needs <see cref="UseEdns"/>.</summary>
    public bool DnssecOk { get; init; }

    /// <summary>The query's length on the wire.</summary>
    public int Length
    {
        get
        {
            Span<byte> name = stackalloc byte[DnsName.MaxWireLength];
            DnsName.TryEncode(Question.Name, name, out var nameLength, out _);

            // Header, name, type and class; OPT is root name (1), type, class, TTL, RDLENGTH (10).
            return DnsHeader.Length + nameLength + 4 + (UseEdns ? 11 : 0);
        }
    }

    /// <summary>The query in wire form.</summary>
    public byte[] ToArray()
    {
        var buffer = new byte[Length];
        WriteTo(buffer);
        return buffer;
    }

    /// <summary>Writes the query and returns the number of bytes written (<see cref="Length"/>).</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="Length"/>.</exception>
    public int WriteTo(Span<byte> destination)
    {
        var length = Length;
        if (destination.Length < length)
        {
            throw new ArgumentException($"The destination needs {length} bytes.", nameof(destination));
        }

        var flags = (ushort)((RecursionDesired ? 0x0100 : 0) | (CheckingDisabled ? 0x0010 : 0));
        BinaryPrimitives.WriteUInt16BigEndian(destination, Id);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], flags);
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], 1);
        BinaryPrimitives.WriteUInt16BigEndian(destination[6..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(destination[8..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(destination[10..], (ushort)(UseEdns ? 1 : 0));
        DnsName.TryEncode(Question.Name, destination[DnsHeader.Length..], out var nameLength, out _);
        var position = DnsHeader.Length + nameLength;
        BinaryPrimitives.WriteUInt16BigEndian(destination[position..], (ushort)Question.Type);
        BinaryPrimitives.WriteUInt16BigEndian(destination[(position + 2)..], (ushort)Question.Class);
        position += 4;
        if (UseEdns)
        {
            destination[position] = 0;
            BinaryPrimitives.WriteUInt16BigEndian(destination[(position + 1)..], (ushort)DnsRecordType.OPT);
            BinaryPrimitives.WriteUInt16BigEndian(destination[(position + 3)..], UdpPayloadSize);

            // TTL: extended RCODE 0, version 0, DO flag, Z zero (RFC 6891 §6.1.3).
            BinaryPrimitives.WriteUInt32BigEndian(destination[(position + 5)..], DnssecOk ? 0x8000u : 0u);
            BinaryPrimitives.WriteUInt16BigEndian(destination[(position + 9)..], 0);
            position += 11;
        }

        return position;
    }
}
