using System.Buffers.Binary;

namespace TldOps.Dns.Wire;

/// <summary>
/// Reads big-endian fields and names from a whole DNS message. Every read is a <c>TryRead…</c>
/// that returns false on truncation or malformation and records the error and its offset; it never
/// reads outside the message. Sequential reads stop at <see cref="Limit"/> (the end of the message,
/// or of the RDATA being read), while compression pointers may reach anywhere before the name.
/// </summary>
internal ref struct DnsWireReader
{
    // "\DDD" is the longest presentation of one octet; 255 wire octets can never need more.
    private const int MaxPresentationLength = DnsName.MaxWireLength * 4;

    private readonly ReadOnlySpan<byte> _message;
    private readonly int _maxPointerHops;

    public DnsWireReader(ReadOnlySpan<byte> message, int maxPointerHops)
    {
        _message = message;
        _maxPointerHops = maxPointerHops;
        Limit = message.Length;
    }

    public int Position { get; set; }

    /// <summary>Where sequential reads must stop.</summary>
    public int Limit { get; set; }

    public DnsFormatError Error { get; private set; }

    public int ErrorOffset { get; private set; }

    public readonly int Remaining => Limit - Position;

    public bool Fail(DnsFormatError error, int offset)
    {
        Error = error;
        ErrorOffset = offset;
        return false;
    }

    public bool TryReadByte(out byte value)
    {
        if (Remaining < 1)
        {
            value = 0;
            return Fail(DnsFormatError.Truncated, Position);
        }

        value = _message[Position++];
        return true;
    }

    public bool TryReadUInt16(out ushort value)
    {
        if (Remaining < 2)
        {
            value = 0;
            return Fail(DnsFormatError.Truncated, Position);
        }

        value = BinaryPrimitives.ReadUInt16BigEndian(_message[Position..]);
        Position += 2;
        return true;
    }

    public bool TryReadUInt32(out uint value)
    {
        if (Remaining < 4)
        {
            value = 0;
            return Fail(DnsFormatError.Truncated, Position);
        }

        value = BinaryPrimitives.ReadUInt32BigEndian(_message[Position..]);
        Position += 4;
        return true;
    }

    public bool TryReadBytes(int count, out ReadOnlySpan<byte> value)
    {
        if (count < 0 || Remaining < count)
        {
            value = default;
            return Fail(DnsFormatError.Truncated, Position);
        }

        value = _message.Slice(Position, count);
        Position += count;
        return true;
    }

    /// <summary>The rest of the readable region (up to <see cref="Limit"/>), consumed.</summary>
    public ReadOnlySpan<byte> ReadToLimit()
    {
        var rest = _message[Position..Limit];
        Position = Limit;
        return rest;
    }

    /// <summary>
    /// Reads a possibly compressed name (RFC 1035 §4.1.4) in presentation form. A pointer must
    /// point strictly before the start of the segment that holds it (the name's own start, or the
    /// previous pointer's target) and past the header: positions then strictly decrease, so a loop
    /// cannot form, and the hop count is capped as well.
    /// </summary>
    public bool TryReadName(out string name)
    {
        name = string.Empty;
        Span<char> text = stackalloc char[MaxPresentationLength];
        var length = 0;
        var position = Position;
        var segmentStart = Position;
        var resumeAt = -1;
        var wireLength = 1; // the final zero octet
        var hops = 0;

        // Each pass consumes a label (wireLength grows) or a pointer (hops grows): both are capped.
        while (true)
        {
            var bound = resumeAt < 0 ? Limit : _message.Length;
            if (position >= bound)
            {
                return Fail(DnsFormatError.Truncated, position);
            }

            var prefix = _message[position];
            switch (prefix & 0xC0)
            {
                case 0x00 when prefix == 0:
                    Position = resumeAt < 0 ? position + 1 : resumeAt;
                    name = length == 0 ? DnsName.Root : new string(text[..length]);
                    return true;

                case 0x00:
                    if (position + 1 + prefix > bound)
                    {
                        return Fail(DnsFormatError.Truncated, position);
                    }

                    wireLength += prefix + 1;
                    if (wireLength > DnsName.MaxWireLength)
                    {
                        return Fail(DnsFormatError.NameTooLong, position);
                    }

                    if (length > 0)
                    {
                        text[length++] = '.';
                    }

                    DnsName.AppendLabel(_message.Slice(position + 1, prefix), text, ref length);
                    position += 1 + prefix;
                    break;

                case 0xC0:
                    if (position + 2 > bound)
                    {
                        return Fail(DnsFormatError.Truncated, position);
                    }

                    var target = ((prefix & 0x3F) << 8) | _message[position + 1];
                    if (target >= segmentStart)
                    {
                        return Fail(DnsFormatError.ForwardPointer, position);
                    }

                    if (target < DnsHeader.Length)
                    {
                        return Fail(DnsFormatError.PointerIntoHeader, position);
                    }

                    if (++hops > _maxPointerHops)
                    {
                        return Fail(DnsFormatError.TooManyPointers, position);
                    }

                    if (resumeAt < 0)
                    {
                        resumeAt = position + 2;
                    }

                    segmentStart = target;
                    position = target;
                    break;

                default:
                    return Fail(DnsFormatError.ReservedLabelType, position);
            }
        }
    }
}
