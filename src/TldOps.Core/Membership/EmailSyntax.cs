using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace TldOps.Core.Membership;

/// <summary>
/// A strict check of an email address as members type it: a dot-atom local part and a domain of
/// at least two labels (RFC 5321 §4.1.2, the "Dot-string" form). Quoted local parts, address
/// literals ("user@[192.0.2.1]"), comments and display names are refused: nobody on the list
/// needs them, and refusing them keeps addresses comparable. Internationalised domains are
/// accepted and normalised; internationalised local parts (RFC 6531) are not.
/// </summary>
public static class EmailSyntax
{
    /// <summary>RFC 5321 §4.5.3.1.3: a path is at most 256 octets with its angle brackets.</summary>
    public const int MaxLength = 254;

    /// <summary>RFC 5321 §4.5.3.1.1.</summary>
    public const int MaxLocalPartLength = 64;

    /// <summary>RFC 1035 §2.3.4 (255 octets on the wire) less the length octets and the root: 253 characters.</summary>
    public const int MaxDomainLength = 253;

    // RFC 1035 §2.3.4.
    private const int MaxLabelLength = 63;

    // RFC 5322 §3.2.3 atext, apart from letters and digits.
    private const string AtextSymbols = "!#$%&'*+-/=?^_`{|}~";

    /// <summary>
    /// Checks <paramref name="text"/> and returns the address to store: trimmed, the domain in
    /// lower case (in its Unicode form when it is internationalised), the local part unchanged
    /// (RFC 5321 §2.4: only the receiving host may interpret its case).
    /// </summary>
    public static bool TryNormalise(
        string? text,
        [NotNullWhen(true)] out string? address,
        [NotNullWhen(false)] out string? reason)
    {
        address = null;
        reason = Check(text?.Trim(), out var local, out var domain);
        if (reason is not null)
        {
            return false;
        }

        address = local + "@" + domain;
        return true;
    }

    /// <summary>True when <paramref name="text"/> is an acceptable address.</summary>
    public static bool IsValid(string? text) => TryNormalise(text, out _, out _);

    private static string? Check(string? text, out string local, out string domain)
    {
        local = domain = string.Empty;
        if (string.IsNullOrEmpty(text))
        {
            return "the address is empty.";
        }

        if (text.Length > MaxLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"the address is longer than {MaxLength} characters.");
        }

        var at = text.LastIndexOf('@');
        if (at < 0)
        {
            return "there is no @.";
        }

        if (text.IndexOf('@') != at)
        {
            return "there is more than one @ (quoted local parts are not accepted).";
        }

        local = text[..at];
        return CheckLocalPart(local) ?? CheckDomain(text[(at + 1)..], out domain);
    }

    private static string? CheckLocalPart(string local)
    {
        if (local.Length == 0)
        {
            return "nothing before the @.";
        }

        if (local.Length > MaxLocalPartLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"the part before the @ is longer than {MaxLocalPartLength} characters.");
        }

        if (local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
        {
            return "the part before the @ may not start or end with a dot, or hold two dots in a row.";
        }

        foreach (var c in local)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '.' && !AtextSymbols.Contains(c, StringComparison.Ordinal))
            {
                return c > 0x7F
                    ? "the part before the @ must be ASCII."
                    : $"the part before the @ may not contain '{(char.IsWhiteSpace(c) || char.IsControl(c) ? "a space or control character" : c.ToString())}'.";
            }
        }

        return null;
    }

    private static string? CheckDomain(string text, out string domain)
    {
        domain = string.Empty;
        if (text.Length == 0)
        {
            return "nothing after the @.";
        }

        if (text.StartsWith('['))
        {
            return "address literals such as [192.0.2.1] are not accepted; use a domain name.";
        }

        // One mapping per call: IdnMapping instances are not documented as thread-safe.
        var idn = new IdnMapping { UseStd3AsciiRules = true, AllowUnassigned = false };
        string ascii;
        try
        {
            ascii = idn.GetAscii(text).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return $"'{text}' is not a valid domain name.";
        }

        if (ascii.Length > MaxDomainLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"the domain is longer than {MaxDomainLength} characters.");
        }

        var labels = ascii.Split('.');
        if (labels.Length < 2)
        {
            return $"'{text}' has a single label; a public domain has at least two (example.fr).";
        }

        foreach (var label in labels)
        {
            if (label.Length == 0 || label.Length > MaxLabelLength || label[0] == '-' || label[^1] == '-'
                || !label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                return $"'{text}' is not a valid domain name.";
            }
        }

        // RFC 3696 §2: a top-level domain is never all-numeric (that would be an IP address).
        if (labels[^1].All(char.IsAsciiDigit))
        {
            return $"'{text}' ends in a numeric label; it is not a domain name.";
        }

        try
        {
            domain = ascii.Contains("xn--", StringComparison.Ordinal) ? idn.GetUnicode(ascii) : ascii;
        }
        catch (ArgumentException)
        {
            // An "xn--" label that does not decode (RFC 5891 §5.4 asks for the round trip).
            return $"'{text}' is not a valid domain name.";
        }

        return null;
    }
}
