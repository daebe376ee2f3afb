using System.Net;
using System.Text;
using System.Text.Unicode;

namespace TldOps.Mail.Smtp.Protocol;

/// <summary>The outcome of parsing an address: the address, or the problem and its byte offset.</summary>
internal readonly record struct AddressParseResult(SmtpAddress? Address, string? Problem, int Offset, int Consumed)
{
    public static AddressParseResult Fail(string problem, int offset) => new(null, problem, offset, 0);
}

/// <summary>
/// The one parser core for RFC 5321 §4.1.2 paths and mailboxes over UTF-8 bytes, shared by
/// <see cref="SmtpAddress.Parse(string)"/>, TryParse and the server's MAIL/RCPT parsing.
/// </summary>
internal static class SmtpAddressSyntax
{
    /// <summary>Parses a whole mailbox; the input must hold nothing else.</summary>
    public static AddressParseResult ParseMailbox(ReadOnlySpan<byte> input, SmtpAddressParserOptions options, bool allowBarePostmaster)
    {
        if (input.Length + 2 > options.MaxPathLength)
        {
            return AddressParseResult.Fail($"Address longer than {options.MaxPathLength - 2} octets", options.MaxPathLength - 2);
        }

        var result = ParseMailboxCore(input, 0, options, allowBarePostmaster);
        if (result.Address is not null && result.Consumed != input.Length)
        {
            return AddressParseResult.Fail("Unexpected character after the address", result.Consumed);
        }

        return result;
    }

    /// <summary>
    /// Parses a path that starts at input[0] == '&lt;': "&lt;&gt;" when <paramref name="allowNull"/>,
    /// an optional source route (accepted and ignored, RFC 5321 §4.1.2 and Appendix C), then a
    /// mailbox and '&gt;'. Consumed counts the bytes through the closing bracket.
    /// </summary>
    public static AddressParseResult ParsePath(ReadOnlySpan<byte> input, SmtpAddressParserOptions options, bool allowNull, bool allowBarePostmaster)
    {
        if (input.IsEmpty || input[0] != (byte)'<')
        {
            return AddressParseResult.Fail("Expected '<' to open the path", 0);
        }

        if (allowNull && input.Length >= 2 && input[1] == (byte)'>')
        {
            return new AddressParseResult(SmtpAddress.NullReversePath, null, 0, 2);
        }

        var close = input.IndexOf((byte)'>');
        if (close < 0)
        {
            return AddressParseResult.Fail("Missing '>' to close the path", input.Length);
        }

        if (close + 1 > options.MaxPathLength)
        {
            return AddressParseResult.Fail($"Path longer than {options.MaxPathLength} octets", options.MaxPathLength);
        }

        var pos = 1;
        if (pos < close && input[pos] == (byte)'@')
        {
            var routeEnd = SkipSourceRoute(input[..close], pos, options);
            if (routeEnd < 0)
            {
                return AddressParseResult.Fail("Invalid source route", -routeEnd - 1);
            }

            pos = routeEnd;
        }

        var inner = ParseMailboxCore(input[..close], pos, options, allowBarePostmaster);
        if (inner.Address is null)
        {
            return inner;
        }

        if (inner.Consumed != close)
        {
            return AddressParseResult.Fail("Unexpected character in the path", inner.Consumed);
        }

        return inner with { Consumed = close + 1 };
    }

    private static AddressParseResult ParseMailboxCore(ReadOnlySpan<byte> s, int start, SmtpAddressParserOptions options, bool allowBarePostmaster)
    {
        var pos = start;
        var localEnd = pos < s.Length && s[pos] == (byte)'"'
            ? ScanQuotedString(s, pos, options.AllowUtf8)
            : ScanDotString(s, pos, options.AllowUtf8);
        if (localEnd < 0)
        {
            return AddressParseResult.Fail("Invalid local part", -localEnd - 1);
        }

        if (localEnd == start)
        {
            return AddressParseResult.Fail("Empty local part", start);
        }

        if (localEnd - start > options.MaxLocalPartLength)
        {
            return AddressParseResult.Fail($"Local part longer than {options.MaxLocalPartLength} octets", start + options.MaxLocalPartLength);
        }

        var localPart = s[start..localEnd];
        if (!Utf8.IsValid(localPart))
        {
            return AddressParseResult.Fail("Local part is not valid UTF-8", start);
        }

        if (localEnd == s.Length || s[localEnd] != (byte)'@')
        {
            // RFC 5321 §4.1.1.3: "<Postmaster>" without a domain must be accepted as a recipient.
            if (allowBarePostmaster && Ascii.EqualsIgnoreCase(localPart, "postmaster"u8))
            {
                var postmaster = SmtpAddress.Create(Encoding.ASCII.GetString(localPart), string.Empty);
                return new AddressParseResult(postmaster, null, 0, localEnd);
            }

            return AddressParseResult.Fail("Expected '@' after the local part", localEnd);
        }

        var domainStart = localEnd + 1;
        var domainEnd = domainStart < s.Length && s[domainStart] == (byte)'['
            ? ScanAddressLiteral(s, domainStart)
            : ScanDomain(s, domainStart, options.AllowUtf8);
        if (domainEnd < 0)
        {
            return AddressParseResult.Fail("Invalid domain", -domainEnd - 1);
        }

        if (domainEnd - domainStart > options.MaxDomainLength)
        {
            return AddressParseResult.Fail($"Domain longer than {options.MaxDomainLength} octets", domainStart + options.MaxDomainLength);
        }

        var domain = s[domainStart..domainEnd];
        if (!Utf8.IsValid(domain))
        {
            return AddressParseResult.Fail("Domain is not valid UTF-8", domainStart);
        }

        var address = SmtpAddress.Create(Encoding.UTF8.GetString(localPart), Encoding.UTF8.GetString(domain));
        return new AddressParseResult(address, null, 0, domainEnd);
    }

    /// <summary>Returns the end of a Dot-string, or -(offset+1) of the offending byte.</summary>
    private static int ScanDotString(ReadOnlySpan<byte> s, int start, bool allowUtf8)
    {
        var pos = start;
        var atomStart = start;
        while (pos < s.Length)
        {
            var b = s[pos];
            if (b == (byte)'.')
            {
                if (pos == atomStart)
                {
                    return -(pos + 1);
                }

                atomStart = pos + 1;
            }
            else if (!IsAtext(b, allowUtf8))
            {
                break;
            }

            pos++;
        }

        // Dot-string = Atom *("." Atom): a trailing dot leaves an empty last atom.
        return pos > start && atomStart == pos ? -pos : pos;
    }

    /// <summary>Returns the end of a Quoted-string (after the closing quote), or -(offset+1).</summary>
    private static int ScanQuotedString(ReadOnlySpan<byte> s, int pos, bool allowUtf8)
    {
        pos++;
        while (pos < s.Length)
        {
            var b = s[pos];
            if (b == (byte)'"')
            {
                return pos + 1;
            }

            if (b == (byte)'\\')
            {
                // quoted-pairSMTP = %d92 %d32-126
                if (pos + 1 >= s.Length || s[pos + 1] < 32 || s[pos + 1] > 126)
                {
                    return -(pos + 2);
                }

                pos += 2;
                continue;
            }

            var isQtext = b is >= 32 and <= 126 || (allowUtf8 && b >= 0x80);
            if (!isQtext)
            {
                return -(pos + 1);
            }

            pos++;
        }

        return -(pos + 1);
    }

    /// <summary>Returns the end of a Domain (labels of letters, digits, hyphens, or UTF-8), or -(offset+1).</summary>
    private static int ScanDomain(ReadOnlySpan<byte> s, int pos, bool allowUtf8)
    {
        var labelStart = pos;
        while (true)
        {
            while (pos < s.Length && (IsLetDig(s[pos]) || s[pos] == (byte)'-' || (allowUtf8 && s[pos] >= 0x80)))
            {
                pos++;
            }

            var length = pos - labelStart;

            // RFC 1035 §2.3.4: labels are 63 octets or less; RFC 5321 sub-domain starts and ends
            // with a letter or digit.
            if (length == 0 || length > 63 || s[labelStart] == (byte)'-' || s[pos - 1] == (byte)'-')
            {
                return -(labelStart + 1);
            }

            if (pos < s.Length && s[pos] == (byte)'.')
            {
                pos++;
                labelStart = pos;
                continue;
            }

            return pos;
        }
    }

    /// <summary>Returns the end of an address-literal (after ']'), or -(offset+1) (RFC 5321 §4.1.3).</summary>
    private static int ScanAddressLiteral(ReadOnlySpan<byte> s, int pos)
    {
        var close = s[pos..].IndexOf((byte)']');
        if (close < 0)
        {
            return -(s.Length + 1);
        }

        var content = s.Slice(pos + 1, close - 1);
        var end = pos + close + 1;
        if (content.IsEmpty)
        {
            return -(pos + 2);
        }

        if (char.IsAsciiDigit((char)content[0]))
        {
            return IsIPv4Literal(content) ? end : -(pos + 2);
        }

        if (content.StartsWith("IPv6:"u8))
        {
            var text = Encoding.ASCII.GetString(content[5..]);
            return Ascii.IsValid(content) && IPAddress.TryParse(text, out var ip)
                && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
                ? end
                : -(pos + 7);
        }

        // General-address-literal = Standardized-tag ":" 1*dcontent; dcontent = %d33-90 / %d94-126.
        var colon = content.IndexOf((byte)':');
        if (colon <= 0 || colon == content.Length - 1)
        {
            return -(pos + 2);
        }

        foreach (var b in content[..colon])
        {
            if (!IsLetDig(b) && b != (byte)'-')
            {
                return -(pos + 2);
            }
        }

        foreach (var b in content[(colon + 1)..])
        {
            if (b is < 33 or > 126 or (>= 91 and <= 93))
            {
                return -(pos + 2);
            }
        }

        return end;
    }

    private static bool IsIPv4Literal(ReadOnlySpan<byte> content)
    {
        var parts = 0;
        var value = 0;
        var digits = 0;
        foreach (var b in content)
        {
            if (b == (byte)'.')
            {
                if (digits == 0)
                {
                    return false;
                }

                parts++;
                value = 0;
                digits = 0;
                continue;
            }

            if (b is < (byte)'0' or > (byte)'9' || ++digits > 3)
            {
                return false;
            }

            value = (value * 10) + (b - '0');
            if (value > 255)
            {
                return false;
            }
        }

        return parts == 3 && digits > 0;
    }

    /// <summary>Skips "@d1,@d2:" and returns the position after ':', or -(offset+1) on error.</summary>
    private static int SkipSourceRoute(ReadOnlySpan<byte> s, int pos, SmtpAddressParserOptions options)
    {
        while (pos < s.Length && s[pos] == (byte)'@')
        {
            var end = ScanDomain(s, pos + 1, options.AllowUtf8);
            if (end < 0)
            {
                return end;
            }

            pos = end;
            if (pos < s.Length && s[pos] == (byte)',')
            {
                pos++;
                continue;
            }

            return pos < s.Length && s[pos] == (byte)':' ? pos + 1 : -(pos + 1);
        }

        return -(pos + 1);
    }

    private static bool IsLetDig(byte b) => b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9');

    /// <summary>RFC 5322 §3.2.3 atext, plus UTF8-non-ascii when allowed (RFC 6531 §3.3).</summary>
    private static bool IsAtext(byte b, bool allowUtf8) => b switch
    {
        >= 0x80 => allowUtf8,
        _ when IsLetDig(b) => true,
        (byte)'!' or (byte)'#' or (byte)'$' or (byte)'%' or (byte)'&' or (byte)'\'' or (byte)'*' or (byte)'+'
            or (byte)'-' or (byte)'/' or (byte)'=' or (byte)'?' or (byte)'^' or (byte)'_' or (byte)'`'
            or (byte)'{' or (byte)'|' or (byte)'}' or (byte)'~' => true,
        _ => false,
    };
}
