using System.Globalization;

namespace TldOps.Mail.Smtp.Client;

/// <summary>What the server advertised in its EHLO/LHLO reply (RFC 5321 §4.1.1.1).</summary>
public sealed class SmtpCapabilities
{
    private SmtpCapabilities(IReadOnlyList<string> keywords, bool isExtended)
    {
        Keywords = keywords;
        IsExtended = isExtended;
        var auth = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in keywords)
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0)
            {
                continue;
            }

            switch (parts[0].ToUpperInvariant())
            {
                case "PIPELINING": Pipelining = true; break;
                case "8BITMIME": EightBitMime = true; break;
                case "SMTPUTF8": SmtpUtf8 = true; break;
                case "CHUNKING": Chunking = true; break;
                case "STARTTLS": StartTls = true; break;
                case "ENHANCEDSTATUSCODES": EnhancedStatusCodes = true; break;
                case "SIZE":
                    // RFC 1870 §4: "SIZE" alone or "SIZE 0" means no fixed maximum.
                    MaxSize = parts.Length > 1 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size) ? size : 0;
                    break;
                case "AUTH":
                    auth.UnionWith(parts.Skip(1));
                    break;
            }
        }

        AuthMechanisms = auth;
    }

    /// <summary>The empty set of a server that only understood HELO.</summary>
    public static SmtpCapabilities Basic { get; } = new([], isExtended: false);

    /// <summary>True when the server answered EHLO/LHLO (not only HELO).</summary>
    public bool IsExtended { get; }

    /// <summary>Each line of the EHLO reply after the first (the greeting).</summary>
    public IReadOnlyList<string> Keywords { get; }

    /// <summary>PIPELINING (RFC 2920).</summary>
    public bool Pipelining { get; }

    /// <summary>8BITMIME (RFC 6152).</summary>
    public bool EightBitMime { get; }

    /// <summary>SMTPUTF8 (RFC 6531).</summary>
    public bool SmtpUtf8 { get; }

    /// <summary>CHUNKING, the BDAT command (RFC 3030).</summary>
    public bool Chunking { get; }

    /// <summary>STARTTLS (RFC 3207).</summary>
    public bool StartTls { get; }

    /// <summary>ENHANCEDSTATUSCODES (RFC 2034).</summary>
    public bool EnhancedStatusCodes { get; }

    /// <summary>The SIZE limit (RFC 1870): null when not advertised, 0 when advertised without a limit.</summary>
    public long? MaxSize { get; }

    /// <summary>The AUTH mechanisms offered (RFC 4954), upper-case as sent.</summary>
    public IReadOnlySet<string> AuthMechanisms { get; }

    /// <summary>Reads the lines of an EHLO reply after the first.</summary>
    public static SmtpCapabilities FromEhloReply(SmtpReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return new SmtpCapabilities(reply.Lines.Skip(1).ToArray(), isExtended: true);
    }
}
