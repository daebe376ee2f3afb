using System.Text;
using TldOps.Dns.Wire;

namespace TldOps.Dns.Records;

/// <summary>
/// A text record (RFC 1035 §3.3.14): one or more character-strings of up to 255 octets each, kept
/// as bytes. What the strings mean, and how they join, belongs to the application: DKIM (RFC 6376
/// §3.6.2.2) and DMARC concatenate them with nothing in between, which <see cref="JoinBytes"/> and
/// <see cref="JoinText"/> do.
/// </summary>
public sealed class TxtRecord : DnsRecord
{
    /// <summary>Creates the record.</summary>
    public TxtRecord(string name, uint timeToLive, IReadOnlyList<ReadOnlyMemory<byte>> strings)
        : base(name, DnsRecordType.TXT, timeToLive)
    {
        ArgumentNullException.ThrowIfNull(strings);
        Strings = strings;
    }

    /// <summary>The character-strings, in order, each as its raw octets.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Strings { get; }

    /// <summary>All strings concatenated, with no separator.</summary>
    public byte[] JoinBytes()
    {
        var total = 0;
        foreach (var s in Strings)
        {
            total += s.Length;
        }

        var joined = new byte[total];
        var offset = 0;
        foreach (var s in Strings)
        {
            s.Span.CopyTo(joined.AsSpan(offset));
            offset += s.Length;
        }

        return joined;
    }

    /// <summary>
    /// All strings concatenated and decoded. Default encoding UTF-8 (invalid sequences become
    /// U+FFFD); DKIM and DMARC records are ASCII, which UTF-8 reads unchanged.
    /// </summary>
    public string JoinText(Encoding? encoding = null) => (encoding ?? Encoding.UTF8).GetString(JoinBytes());

    /// <inheritdoc/>
    protected override string FormatData() => string.Join(' ', Strings.Select(s => PresentationText.Quoted(s.Span)));
}
