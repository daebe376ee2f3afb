using System.Net;
using TldOps.Dns.Records;

namespace TldOps.Dns.Wire;

/// <summary>Reads one resource record's RDATA into its typed record (RFC 1035 §3.3, RFC 3596, 4034, 5155, 2782, 8659).</summary>
internal static class DnsRecordReader
{
    // The fields every record shares, read before its RDATA.
    internal readonly record struct Fields(string Name, DnsRecordType Type, DnsClass Class, uint TimeToLive);

    /// <summary>
    /// Reads the RDATA of <paramref name="fields"/>, which must fill exactly the next
    /// <paramref name="length"/> bytes. Reading past them is <see cref="DnsFormatError.InvalidRecordData"/>,
    /// not truncation: the message holds the bytes, the record's layout is what is wrong.
    /// </summary>
    public static bool TryRead(ref DnsWireReader reader, Fields fields, int length, out DnsRecord? record)
    {
        record = null;
        var start = reader.Position;
        var end = start + length;
        var savedLimit = reader.Limit;
        reader.Limit = end;
        var ok = TryReadData(ref reader, fields, out record);
        reader.Limit = savedLimit;
        if (!ok)
        {
            return reader.Error == DnsFormatError.Truncated
                ? reader.Fail(DnsFormatError.InvalidRecordData, reader.ErrorOffset)
                : false;
        }

        if (reader.Position != end)
        {
            record = null;
            return reader.Fail(DnsFormatError.InvalidRecordData, reader.Position);
        }

        return true;
    }

    private static bool TryReadData(ref DnsWireReader reader, Fields f, out DnsRecord? record)
    {
        record = null;
        switch (f.Type)
        {
            case DnsRecordType.A:
            case DnsRecordType.AAAA:
                return TryReadAddress(ref reader, f, out record);
            case DnsRecordType.CNAME:
            case DnsRecordType.NS:
            case DnsRecordType.PTR:
                return TryReadNameRecord(ref reader, f, out record);
            case DnsRecordType.MX:
                if (!reader.TryReadUInt16(out var preference) || !reader.TryReadName(out var exchange))
                {
                    return false;
                }

                record = new MxRecord(f.Name, f.TimeToLive, preference, exchange) { Class = f.Class };
                return true;
            case DnsRecordType.TXT:
                return TryReadTxt(ref reader, f, out record);
            case DnsRecordType.SOA:
                return TryReadSoa(ref reader, f, out record);
            case DnsRecordType.SRV:
                return TryReadSrv(ref reader, f, out record);
            case DnsRecordType.DS:
            case DnsRecordType.DNSKEY:
                return TryReadKeyOrDigest(ref reader, f, out record);
            case DnsRecordType.RRSIG:
                return TryReadRrsig(ref reader, f, out record);
            case DnsRecordType.NSEC:
                return TryReadNsec(ref reader, f, out record);
            case DnsRecordType.NSEC3:
                return TryReadNsec3(ref reader, f, out record);
            case DnsRecordType.CAA:
                return TryReadCaa(ref reader, f, out record);
            default:
                record = new UnknownRecord(f.Name, f.Type, f.TimeToLive, reader.ReadToLimit().ToArray()) { Class = f.Class };
                return true;
        }
    }

    private static bool TryReadAddress(ref DnsWireReader reader, Fields f, out DnsRecord? record)
    {
        record = null;
        var size = f.Type == DnsRecordType.A ? 4 : 16;
        if (reader.Remaining != size)
        {
            return reader.Fail(DnsFormatError.InvalidRecordData, reader.Position);
        }

        reader.TryReadBytes(size, out var bytes);
        var address = new IPAddress(bytes);
        record = f.Type == DnsRecordType.A
            ? new ARecord(f.Name, f.TimeToLive, address) { Class = f.Class }
            : new AaaaRecord(f.Name, f.TimeToLive, address) { Class = f.Class };
        return true;
    }

    private static bool TryReadNameRecord(ref DnsWireReader reader, Fields f, out DnsRecord? record)
    {
        record = null;
        if (!reader.TryReadName(out var target))
        {
            return false;
        }

        record = f.Type switch
        {
            DnsRecordType.CNAME => new CNameRecord(f.Name, f.TimeToLive, target) { Class = f.Class },
            DnsRecordType.NS => new NsRecord(f.Name, f.TimeToLive, target) { Class = f.Class },
            _ => new PtrRecord(f.Name, f.TimeToLive, target) { Class = f.Class },
        };
        return true;
    }

    private static bool TryReadTxt(ref DnsWireReader reader, Fields f, out DnsRecord? record)
    {
        record = null;
        var strings = new List<ReadOnlyMemory<byte>>();

        // Each string takes at least its length octet, so this ends within the RDATA length.
        while (reader.Remaining > 0)
        {
            if (!reader.TryReadByte(out var length) || !reader.TryReadBytes(length, out var text))
            {
                return false;
            }

            strings.Add(text.ToArray());
        }

        record = new TxtRecord(f.Name, f.TimeToLive, strings) { Class = f.Class };
        return true;
    }

    private static bool TryReadSoa(ref DnsWireReader reader, Fields f, out DnsRecord? record)
    {
        record = null;
        if (!reader.TryReadName(out var primary) || !reader.TryReadName(out var mailbox)
            || !reader.TryReadUInt32(out var serial) || !reader.TryReadUInt32(out var refresh)
            || !reader.TryReadUInt32(out var retry) || !reader.TryReadUInt32(out var expire)
            || !reader.TryReadUInt32(out var minimum))
        {
            return false;
        }

        record = new SoaRecord(f.Name, f.TimeToLive, primary, mailbox, serial, refresh, retry, expire, minimum) { Class = f.Class };
        return true;
    }

    private static bool TryReadSrv(ref DnsWireReader reader, Fields f, out DnsRecord? record)
    {
        record = null;
        if (!reader.TryReadUInt16(out var priority) || !reader.TryReadUInt16(out var weight)
            || !reader.TryReadUInt16(out var port) || !reader.TryReadName(out var target))
        {
            return false;
        }

        record = new SrvRecord(f.Name, f.TimeToLive, priority, weight, port, target) { Class = f.Class };
        return true;
    }

    private static bool TryReadKeyOrDigest(ref DnsWireReader reader, Fields f, out DnsRecord? record)
    {
        record = null;
        if (!reader.TryReadUInt16(out var first) || !reader.TryReadByte(out var second) || !reader.TryReadByte(out var third))
        {
            return false;
        }

        var rest = reader.ReadToLimit().ToArray();
        record = f.Type == DnsRecordType.DS
            ? new DsRecord(f.Name, f.TimeToLive, first, second, third, rest) { Class = f.Class }
            : new DnsKeyRecord(f.Name, f.TimeToLive, first, second, third, rest) { Class = f.Class };
        return true;
    }

    private static bool TryReadRrsig(ref DnsWireReader reader, Fields f, out DnsRecord? record)
    {
        record = null;
        if (!reader.TryReadUInt16(out var covered) || !reader.TryReadByte(out var algorithm)
            || !reader.TryReadByte(out var labels) || !reader.TryReadUInt32(out var originalTtl)
            || !reader.TryReadUInt32(out var expiration) || !reader.TryReadUInt32(out var inception)
            || !reader.TryReadUInt16(out var keyTag) || !reader.TryReadName(out var signer))
        {
            return false;
        }

        var signature = reader.ReadToLimit().ToArray();
        record = new RrsigRecord(
            f.Name, f.TimeToLive, (DnsRecordType)covered, algorithm, labels, originalTtl,
            expiration, inception, keyTag, signer, signature) { Class = f.Class };
        return true;
    }

    private static bool TryReadNsec(ref DnsWireReader reader, Fields f, out DnsRecord? record)
    {
        record = null;
        if (!reader.TryReadName(out var next) || !TryReadTypeBitmap(ref reader, out var types))
        {
            return false;
        }

        record = new NsecRecord(f.Name, f.TimeToLive, next, types) { Class = f.Class };
        return true;
    }

    private static bool TryReadNsec3(ref DnsWireReader reader, Fields f, out DnsRecord? record)
    {
        record = null;
        if (!reader.TryReadByte(out var algorithm) || !reader.TryReadByte(out var flags)
            || !reader.TryReadUInt16(out var iterations)
            || !reader.TryReadByte(out var saltLength) || !reader.TryReadBytes(saltLength, out var salt)
            || !reader.TryReadByte(out var hashLength) || !reader.TryReadBytes(hashLength, out var hash))
        {
            return false;
        }

        var saltCopy = salt.ToArray();
        var hashCopy = hash.ToArray();
        if (!TryReadTypeBitmap(ref reader, out var types))
        {
            return false;
        }

        record = new Nsec3Record(f.Name, f.TimeToLive, algorithm, flags, iterations, saltCopy, hashCopy, types) { Class = f.Class };
        return true;
    }

    private static bool TryReadCaa(ref DnsWireReader reader, Fields f, out DnsRecord? record)
    {
        record = null;
        var start = reader.Position;
        if (!reader.TryReadByte(out var flags) || !reader.TryReadByte(out var tagLength))
        {
            return false;
        }

        // RFC 8659 §4.1: the tag is at least one octet.
        if (tagLength == 0)
        {
            return reader.Fail(DnsFormatError.InvalidRecordData, start + 1);
        }

        if (!reader.TryReadBytes(tagLength, out var tag))
        {
            return false;
        }

        var tagText = System.Text.Encoding.Latin1.GetString(tag);
        record = new CaaRecord(f.Name, f.TimeToLive, flags, tagText, reader.ReadToLimit().ToArray()) { Class = f.Class };
        return true;
    }

    /// <summary>
    /// Reads the type bitmap that fills the rest of an NSEC or NSEC3 RDATA (RFC 4034 §4.1.2):
    /// windows in strictly increasing order, each 1 to 32 octets long.
    /// </summary>
    private static bool TryReadTypeBitmap(ref DnsWireReader reader, out IReadOnlyList<DnsRecordType> types)
    {
        var list = new List<DnsRecordType>();
        types = list;
        var previousWindow = -1;
        while (reader.Remaining > 0)
        {
            var at = reader.Position;
            if (!reader.TryReadByte(out var window) || !reader.TryReadByte(out var length))
            {
                return false;
            }

            if (window <= previousWindow || length is 0 or > 32)
            {
                return reader.Fail(DnsFormatError.InvalidRecordData, at);
            }

            if (!reader.TryReadBytes(length, out var bits))
            {
                return false;
            }

            for (var octet = 0; octet < bits.Length; octet++)
            {
                for (var bit = 0; bit < 8; bit++)
                {
                    if ((bits[octet] & (0x80 >> bit)) != 0)
                    {
                        list.Add((DnsRecordType)((window << 8) | (octet << 3) | bit));
                    }
                }
            }

            previousWindow = window;
        }

        return true;
    }
}
