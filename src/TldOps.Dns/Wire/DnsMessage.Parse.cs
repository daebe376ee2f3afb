using System.Diagnostics.CodeAnalysis;
using TldOps.Dns.Records;

namespace TldOps.Dns.Wire;

/// <summary>The one parsing core behind <see cref="DnsMessage.Parse"/> and <see cref="DnsMessage.TryParse(ReadOnlySpan{byte}, out DnsMessage?)"/>.</summary>
public sealed partial class DnsMessage
{
    private enum Section
    {
        Answer,
        Authority,
        Additional,
    }

    private static bool TryParseCore(
        ReadOnlySpan<byte> data, DnsParserOptions options, [NotNullWhen(true)] out DnsMessage? message,
        out DnsFormatError error, out int offset)
    {
        message = null;
        var reader = new DnsWireReader(data, options.MaxPointerHops);
        if (TryParseSections(ref reader, data.Length, options, out message))
        {
            error = default;
            offset = 0;
            return true;
        }

        error = reader.Error;
        offset = reader.ErrorOffset;
        return false;
    }

    private static bool TryParseSections(
        ref DnsWireReader reader, int length, DnsParserOptions options, [NotNullWhen(true)] out DnsMessage? message)
    {
        message = null;
        if (length > options.MaxMessageSize)
        {
            return reader.Fail(DnsFormatError.MessageTooLarge, options.MaxMessageSize);
        }

        if (!TryReadHeader(ref reader, out var header))
        {
            return false;
        }

        var total = header.QuestionCount + header.AnswerCount + header.AuthorityCount + header.AdditionalCount;
        if (total > options.MaxRecordCount)
        {
            return reader.Fail(DnsFormatError.TooManyRecords, 4);
        }

        var questions = new List<DnsQuestion>(header.QuestionCount);
        for (var i = 0; i < header.QuestionCount; i++)
        {
            if (!TryReadQuestion(ref reader, out var question))
            {
                return false;
            }

            questions.Add(question);
        }

        DnsEdns? edns = null;
        if (!TryReadSection(ref reader, header.AnswerCount, Section.Answer, ref edns, out var answers)
            || !TryReadSection(ref reader, header.AuthorityCount, Section.Authority, ref edns, out var authorities)
            || !TryReadSection(ref reader, header.AdditionalCount, Section.Additional, ref edns, out var additionals))
        {
            return false;
        }

        // Bytes after the last record are ignored, as resolvers commonly do: the counts define the message.
        message = new DnsMessage(header, questions, answers, authorities, additionals, edns, length);
        return true;
    }

    private static bool TryReadHeader(ref DnsWireReader reader, out DnsHeader header)
    {
        header = default;
        if (!reader.TryReadUInt16(out var id) || !reader.TryReadUInt16(out var flags)
            || !reader.TryReadUInt16(out var qd) || !reader.TryReadUInt16(out var an)
            || !reader.TryReadUInt16(out var ns) || !reader.TryReadUInt16(out var ar))
        {
            return false;
        }

        header = new DnsHeader
        {
            Id = id,
            Flags = flags,
            QuestionCount = qd,
            AnswerCount = an,
            AuthorityCount = ns,
            AdditionalCount = ar,
        };
        return true;
    }

    private static bool TryReadQuestion(ref DnsWireReader reader, [NotNullWhen(true)] out DnsQuestion? question)
    {
        question = null;
        if (!reader.TryReadName(out var name) || !reader.TryReadUInt16(out var type) || !reader.TryReadUInt16(out var @class))
        {
            return false;
        }

        question = new DnsQuestion(name, (DnsRecordType)type, (DnsClass)@class);
        return true;
    }

    private static bool TryReadSection(
        ref DnsWireReader reader, int count, Section section, ref DnsEdns? edns, out IReadOnlyList<DnsRecord> records)
    {
        var list = new List<DnsRecord>(count);
        records = list;
        for (var i = 0; i < count; i++)
        {
            var start = reader.Position;
            if (!reader.TryReadName(out var name) || !reader.TryReadUInt16(out var type)
                || !reader.TryReadUInt16(out var @class) || !reader.TryReadUInt32(out var ttl)
                || !reader.TryReadUInt16(out var dataLength))
            {
                return false;
            }

            if (reader.Remaining < dataLength)
            {
                return reader.Fail(DnsFormatError.Truncated, reader.Position);
            }

            if ((DnsRecordType)type == DnsRecordType.OPT)
            {
                if (section != Section.Additional || edns is not null || name != DnsName.Root)
                {
                    return reader.Fail(DnsFormatError.InvalidOpt, start);
                }

                if (!TryReadOpt(ref reader, @class, ttl, dataLength, out edns))
                {
                    return false;
                }

                continue;
            }

            // RFC 2181 §8: a TTL with the top bit set is to be treated as zero.
            var fields = new DnsRecordReader.Fields(name, (DnsRecordType)type, (DnsClass)@class, ttl > int.MaxValue ? 0 : ttl);
            if (!DnsRecordReader.TryRead(ref reader, fields, dataLength, out var record))
            {
                return false;
            }

            list.Add(record!);
        }

        return true;
    }

    private static bool TryReadOpt(ref DnsWireReader reader, ushort payloadSize, uint ttl, int dataLength, out DnsEdns? edns)
    {
        edns = null;
        var end = reader.Position + dataLength;
        var options = new List<DnsEdnsOption>();

        // Each option takes at least four octets, so this ends within the RDATA length.
        while (reader.Position < end)
        {
            var at = reader.Position;
            if (end - at < 4)
            {
                return reader.Fail(DnsFormatError.InvalidOpt, at);
            }

            reader.TryReadUInt16(out var code);
            reader.TryReadUInt16(out var length);
            if (end - reader.Position < length)
            {
                return reader.Fail(DnsFormatError.InvalidOpt, at);
            }

            reader.TryReadBytes(length, out var data);
            options.Add(new DnsEdnsOption(code, data.ToArray()));
        }

        // TTL field layout (RFC 6891 §6.1.3): extended RCODE, version, then DO and Z flags.
        edns = new DnsEdns(payloadSize, (byte)(ttl >> 24), (byte)(ttl >> 16), (ushort)ttl, options);
        return true;
    }
}
