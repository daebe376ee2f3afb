using System.Diagnostics.CodeAnalysis;
using TldOps.Dns.Records;

namespace TldOps.Dns.Wire;

/// <summary>
/// A parsed DNS message (RFC 1035 §4.1). Read one with <see cref="Parse"/> (throws) or
/// <see cref="TryParse(ReadOnlySpan{byte}, DnsParserOptions?, out DnsMessage?)"/> (returns false);
/// both share one reader that never reads outside the input and follows compression pointers only
/// backwards. The OPT pseudo-record, if any, is not listed in <see cref="Additionals"/> but read
/// into <see cref="Edns"/>.
/// </summary>
public sealed partial class DnsMessage
{
    private DnsMessage(
        DnsHeader header, IReadOnlyList<DnsQuestion> questions, IReadOnlyList<DnsRecord> answers,
        IReadOnlyList<DnsRecord> authorities, IReadOnlyList<DnsRecord> additionals, DnsEdns? edns, int length)
    {
        Header = header;
        Questions = questions;
        Answers = answers;
        Authorities = authorities;
        Additionals = additionals;
        Edns = edns;
        Length = length;
    }

    /// <summary>The header.</summary>
    public DnsHeader Header { get; }

    /// <summary>The question section (one entry in every real query and response).</summary>
    public IReadOnlyList<DnsQuestion> Questions { get; }

    /// <summary>The answer section.</summary>
    public IReadOnlyList<DnsRecord> Answers { get; }

    /// <summary>The authority section (the SOA of a negative answer, or NS records of a referral).</summary>
    public IReadOnlyList<DnsRecord> Authorities { get; }

    /// <summary>The additional section, without the OPT pseudo-record.</summary>
    public IReadOnlyList<DnsRecord> Additionals { get; }

    /// <summary>The EDNS information from the OPT record, or null when the message has none.</summary>
    public DnsEdns? Edns { get; }

    /// <summary>The message's length in bytes.</summary>
    public int Length { get; }

    /// <summary>The full response code: the header's four bits extended by the OPT record's eight (RFC 6891 §6.1.3).</summary>
    public DnsResponseCode ResponseCode =>
        (DnsResponseCode)(((Edns?.ExtendedResponseCode ?? 0) << 4) | Header.ResponseCodeBits);

    /// <summary>Reads a message.</summary>
    /// <param name="data">The whole message (for TCP, without the two-byte length prefix).</param>
    /// <param name="options">Limits; <see cref="DnsParserOptions.Default"/> when null.</param>
    /// <exception cref="DnsFormatException">The message is malformed or breaks a limit; the exception names the byte offset.</exception>
    public static DnsMessage Parse(ReadOnlySpan<byte> data, DnsParserOptions? options = null)
    {
        if (TryParseCore(data, options ?? DnsParserOptions.Default, out var message, out var error, out var offset))
        {
            return message;
        }

        throw new DnsFormatException(error, offset);
    }

    /// <summary>Reads a message with the default limits; false when it is malformed.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, [NotNullWhen(true)] out DnsMessage? message) =>
        TryParseCore(data, DnsParserOptions.Default, out message, out _, out _);

    /// <summary>Reads a message; false when it is malformed or breaks a limit of <paramref name="options"/>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, DnsParserOptions? options, [NotNullWhen(true)] out DnsMessage? message) =>
        TryParseCore(data, options ?? DnsParserOptions.Default, out message, out _, out _);

    /// <summary>Like <see cref="TryParse(ReadOnlySpan{byte}, DnsParserOptions?, out DnsMessage?)"/>, also returning why it failed.</summary>
    internal static bool TryParse(
        ReadOnlySpan<byte> data, DnsParserOptions options, [NotNullWhen(true)] out DnsMessage? message, out DnsFormatException? failure)
    {
        if (TryParseCore(data, options, out message, out var error, out var offset))
        {
            failure = null;
            return true;
        }

        failure = new DnsFormatException(error, offset);
        return false;
    }

    /// <summary>
    /// Reads only the header and the first question: enough for a resolver to decide whether a
    /// datagram answers its query before paying for the rest.
    /// </summary>
    internal static bool TryReadHeaderAndQuestion(
        ReadOnlySpan<byte> data, DnsParserOptions options, out DnsHeader header, [NotNullWhen(true)] out DnsQuestion? question)
    {
        question = null;
        var reader = new DnsWireReader(data, options.MaxPointerHops);
        if (data.Length > options.MaxMessageSize || !TryReadHeader(ref reader, out header) || header.QuestionCount == 0)
        {
            header = default;
            return false;
        }

        return TryReadQuestion(ref reader, out question);
    }
}
