using System.Globalization;
using TldOps.Dns.Wire;

namespace TldOps.Dns.Records;

/// <summary>A record of a type TldOps does not parse, with its RDATA kept raw (RFC 3597).</summary>
public sealed class UnknownRecord : DnsRecord
{
    /// <summary>Creates the record.</summary>
    public UnknownRecord(string name, DnsRecordType type, uint timeToLive, ReadOnlyMemory<byte> data)
        : base(name, type, timeToLive)
    {
        Data = data;
    }

    /// <summary>The RDATA as received; RFC 3597 §4 forbids name compression inside unknown types.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <inheritdoc/>
    protected override string FormatData() => Data.IsEmpty
        ? @"\# 0"
        : string.Create(CultureInfo.InvariantCulture, $@"\# {Data.Length} {Convert.ToHexString(Data.Span)}");
}
