namespace TldOps.Mail.Mime;

/// <summary>A Content-Transfer-Encoding (RFC 2045 §6).</summary>
public enum ContentEncoding
{
    /// <summary>No field: 7bit by RFC 2045 §6.1 default.</summary>
    Default,

    /// <summary>7bit: short lines of US-ASCII, no transformation.</summary>
    SevenBit,

    /// <summary>8bit: short lines, 8-bit bytes allowed (needs 8BITMIME), no transformation.</summary>
    EightBit,

    /// <summary>binary: anything, no transformation (needs BINARYMIME).</summary>
    Binary,

    /// <summary>base64 (RFC 2045 §6.8).</summary>
    Base64,

    /// <summary>quoted-printable (RFC 2045 §6.7).</summary>
    QuotedPrintable,

    /// <summary>x-uuencode and its aliases: not standard, but still sent.</summary>
    UUEncode,

    /// <summary>Anything else (<c>7-bit</c>, <c>plain</c>, <c>x-gzip64</c>…): the content is taken as it is.</summary>
    Unknown,
}
