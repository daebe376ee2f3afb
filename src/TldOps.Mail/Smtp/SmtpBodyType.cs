namespace TldOps.Mail.Smtp;

/// <summary>The BODY parameter of MAIL FROM (RFC 6152 §2).</summary>
public enum SmtpBodyType
{
    /// <summary>No BODY parameter was given, which means 7-bit data.</summary>
    Unspecified,

    /// <summary>BODY=7BIT: lines of US-ASCII.</summary>
    SevenBit,

    /// <summary>BODY=8BITMIME: octets above 127 may appear (still in CRLF lines).</summary>
    EightBitMime,
}
