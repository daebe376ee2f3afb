using System.Globalization;
using System.Text;
using TldOps.Dns.Wire;

namespace TldOps.Dns.Records;

/// <summary>Zone-file spellings used by the records' <c>ToString</c> (RFC 1035 §5.1, RFC 3597 §5).</summary>
internal static class PresentationText
{
    private const string Base32HexAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUV";

    public static string Fqdn(string name) => name == DnsName.Root ? DnsName.Root : name + ".";

    public static string Type(DnsRecordType type) =>
        Enum.IsDefined(type) ? type.ToString() : "TYPE" + ((ushort)type).ToString(CultureInfo.InvariantCulture);

    public static string Class(DnsClass @class) =>
        @class switch
        {
            DnsClass.IN or DnsClass.CH or DnsClass.HS => @class.ToString(),
            _ => "CLASS" + ((ushort)@class).ToString(CultureInfo.InvariantCulture),
        };

    /// <summary>A character-string in quotes, escaping '"', '\' and non-printable octets.</summary>
    public static string Quoted(ReadOnlySpan<byte> text)
    {
        var builder = new StringBuilder(text.Length + 2);
        builder.Append('"');
        foreach (var b in text)
        {
            if (b is (byte)'"' or (byte)'\\')
            {
                builder.Append('\\').Append((char)b);
            }
            else if (b is >= 0x20 and < 0x7F)
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('\\').Append(b.ToString("D3", CultureInfo.InvariantCulture));
            }
        }

        return builder.Append('"').ToString();
    }

    public static string Hex(ReadOnlySpan<byte> data) => data.IsEmpty ? "-" : Convert.ToHexString(data);

    public static string Base64(ReadOnlySpan<byte> data) => Convert.ToBase64String(data);

    /// <summary>Base 32 with the extended hex alphabet, unpadded (RFC 4648 §7, as RFC 5155 §3.3 writes hashes).</summary>
    public static string Base32Hex(ReadOnlySpan<byte> data)
    {
        var builder = new StringBuilder(((data.Length * 8) + 4) / 5);
        var buffer = 0;
        var bits = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                builder.Append(Base32HexAlphabet[(buffer >> bits) & 0x1F]);
            }
        }

        if (bits > 0)
        {
            builder.Append(Base32HexAlphabet[(buffer << (5 - bits)) & 0x1F]);
        }

        return builder.ToString();
    }

    /// <summary>A DNSSEC time stamp as YYYYMMDDHHmmSS (RFC 4034 §3.2).</summary>
    public static string Timestamp(uint seconds) =>
        DateTimeOffset.FromUnixTimeSeconds(seconds).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);

    public static string Types(IReadOnlyList<DnsRecordType> types) => string.Join(' ', types.Select(Type));
}
