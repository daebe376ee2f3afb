using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace TldOps.Core.Registry.Iana;

/// <summary>
/// Validation and normal forms for the values inside IANA records, shared by the whois parser and
/// the RDAP reader: TLD labels, host names, addresses, DS rdata, dates, registration URLs.
/// Each returns false (with the reason) rather than throwing, so callers can place the error.
/// </summary>
internal static class WhoisValues
{
    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true };

    /// <summary>True for a syntactically valid TLD label in ASCII: letters, digits, hyphens, starting with a letter, 2–63 long (RFC 1123 §2.1, and xn-- A-labels).</summary>
    public static bool IsTldLabel(string? text)
    {
        if (text is null || text.Length is < 2 or > 63 || !char.IsAsciiLetter(text[0]) || text[^1] == '-')
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The A-label (lower case) and U-label of a TLD from the record's <c>domain</c> value and, for
    /// IDNs in the current layout, its <c>domain-ace</c> value, which must agree.
    /// </summary>
    public static bool TryNormaliseTld(string domain, string? ace, out string tld, out string uLabel, [NotNullWhen(false)] out string? problem)
    {
        tld = uLabel = string.Empty;
        var name = domain.Trim().TrimEnd('.');
        try
        {
            var ascii = Idn.GetAscii(name).ToLowerInvariant();
            if (!IsTldLabel(ascii))
            {
                problem = $"'{domain}' is not a TLD label";
                return false;
            }

            if (ace is not null && !string.Equals(ace.Trim(), ascii, StringComparison.OrdinalIgnoreCase))
            {
                problem = $"domain-ace '{ace}' does not match domain '{domain}' (whose A-label is '{ascii}')";
                return false;
            }

            tld = ascii;
            uLabel = Idn.GetUnicode(ascii);
            problem = null;
            return true;
        }
        catch (ArgumentException)
        {
            problem = $"'{domain}' is not a valid domain label";
            return false;
        }
    }

    /// <summary>A host name in lower case without the trailing dot; labels of letters, digits, hyphens (and underscores, seen in the wild).</summary>
    public static bool TryParseHostName(string text, [NotNullWhen(true)] out string? host)
    {
        host = null;
        // The legacy GU record has "nsuog.edu.gu<TAB>.": white space before the root dot is noise.
        var name = text.Trim().TrimEnd('.').TrimEnd();
        // RFC 1035 §2.3.4: 255 octets on the wire, so 253 characters in presentation form.
        if (name.Length is 0 or > 253)
        {
            return false;
        }

        foreach (var label in name.Split('.'))
        {
            if (label.Length is 0 or > 63)
            {
                return false;
            }

            foreach (var c in label)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
                {
                    return false;
                }
            }
        }

        host = name.ToLowerInvariant();
        return true;
    }

    /// <summary>
    /// An IPv4 address in dotted-quad form or an IPv6 address. Stricter than <see cref="IPAddress.TryParse(string?, out IPAddress?)"/>,
    /// which also accepts "1" or "0x7f.1" and scope ids.
    /// </summary>
    public static bool TryParseAddress(string text, [NotNullWhen(true)] out IPAddress? address)
    {
        address = null;
        if (text.Contains(':', StringComparison.Ordinal))
        {
            if (text.Contains('%', StringComparison.Ordinal) || !IPAddress.TryParse(text, out var v6) || v6.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return false;
            }

            address = v6;
            return true;
        }

        var parts = text.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        var bytes = new byte[4];
        for (var i = 0; i < 4; i++)
        {
            if (parts[i].Length is 0 or > 3 || !parts[i].All(char.IsAsciiDigit) || !byte.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out bytes[i]))
            {
                return false;
            }
        }

        address = new IPAddress(bytes);
        return true;
    }

    /// <summary>DS rdata in presentation form: "key-tag algorithm digest-type hex-digest" (RFC 4034 §5.3).</summary>
    public static bool TryParseDs(string text, [NotNullWhen(true)] out DsRecord? record, [NotNullWhen(false)] out string? problem)
    {
        record = null;
        var parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 4)
        {
            problem = $"DS rdata '{text}' needs key tag, algorithm, digest type and digest";
            return false;
        }

        // RFC 4034 §5.3: the digest may be split by white space in presentation form.
        var digest = string.Concat(parts.Skip(3)).ToLowerInvariant();
        if (!ushort.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var keyTag)
            || !byte.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var algorithm)
            || !byte.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var digestType))
        {
            problem = $"DS rdata '{text}' has a key tag, algorithm or digest type out of range";
            return false;
        }

        if (!TryNormaliseDigest(digest, out var normalised))
        {
            problem = $"DS digest '{digest}' is not an even number of hexadecimal digits";
            return false;
        }

        record = new DsRecord(keyTag, algorithm, digestType, normalised);
        problem = null;
        return true;
    }

    /// <summary>A hexadecimal digest in lower case; 2–256 digits (SHA-384 needs 96; 256 leaves room for any future digest).</summary>
    public static bool TryNormaliseDigest(string digest, [NotNullWhen(true)] out string? normalised)
    {
        normalised = null;
        if (digest.Length is < 2 or > 256 || digest.Length % 2 != 0 || !digest.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        normalised = digest.ToLowerInvariant();
        return true;
    }

    /// <summary>The current layout's dates: "1986-11-05".</summary>
    public static bool TryParseIsoDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy'-'MM'-'dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>The legacy layout's dates: "05-November-1986".</summary>
    public static bool TryParseLegacyDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "dd'-'MMMM'-'yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>The first absolute http(s) URL among the words of <paramref name="text"/>, or null.</summary>
    public static string? FindRegistrationUrl(string? text)
    {
        if (text is null)
        {
            return null;
        }

        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if ((word.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || word.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
                && Uri.TryCreate(word, UriKind.Absolute, out _))
            {
                return word;
            }
        }

        return null;
    }

    /// <summary>
    /// Joins the lines of a name that IANA printed over several lines (an organisation and the unit
    /// below it: "NIC Chile" / "University of Chile") with ", ", or a space where the line already
    /// ends with a comma. Null when there is no non-empty line.
    /// </summary>
    public static string? JoinLines(IEnumerable<string> lines)
    {
        string? joined = null;
        foreach (var line in lines)
        {
            var text = line.Trim();
            if (text.Length > 0)
            {
                joined = joined is null ? text : joined + (joined.EndsWith(',') ? " " : ", ") + text;
            }
        }

        return joined;
    }

    /// <summary>Trims; an empty value is null.</summary>
    public static string? NullIfEmpty(string? value)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }
}
