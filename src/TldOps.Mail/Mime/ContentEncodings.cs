namespace TldOps.Mail.Mime;

/// <summary>Reading and writing Content-Transfer-Encoding values.</summary>
public static class ContentEncodings
{
    /// <summary>Reads a Content-Transfer-Encoding value (case-insensitive, comments ignored); never throws.</summary>
    /// <param name="value">The field value, or null when the field is absent.</param>
    /// <returns>The encoding.</returns>
    public static ContentEncoding Parse(string? value)
    {
        if (value is null)
        {
            return ContentEncoding.Default;
        }

        var start = ContentType.SkipCfws(value, 0);
        var end = start;
        while (end < value.Length && !char.IsWhiteSpace(value[end]) && value[end] is not ('(' or ';'))
        {
            end++;
        }

        return value.AsSpan(start, end - start).ToString().ToLowerInvariant() switch
        {
            "7bit" => ContentEncoding.SevenBit,
            "8bit" => ContentEncoding.EightBit,
            "binary" => ContentEncoding.Binary,
            "base64" => ContentEncoding.Base64,
            "quoted-printable" => ContentEncoding.QuotedPrintable,
            "x-uuencode" or "uuencode" or "x-uue" or "uue" => ContentEncoding.UUEncode,
            _ => ContentEncoding.Unknown,
        };
    }

    /// <summary>The field value for an encoding, or null for <see cref="ContentEncoding.Default"/> and <see cref="ContentEncoding.Unknown"/>.</summary>
    /// <param name="encoding">The encoding.</param>
    /// <returns>The value text or null.</returns>
    public static string? ToValue(ContentEncoding encoding) => encoding switch
    {
        ContentEncoding.SevenBit => "7bit",
        ContentEncoding.EightBit => "8bit",
        ContentEncoding.Binary => "binary",
        ContentEncoding.Base64 => "base64",
        ContentEncoding.QuotedPrintable => "quoted-printable",
        ContentEncoding.UUEncode => "x-uuencode",
        _ => null,
    };

    /// <summary>True for encodings whose content is the data itself (7bit, 8bit, binary, none, unknown).</summary>
    /// <param name="encoding">The encoding.</param>
    /// <returns>Whether the content needs no decoding.</returns>
    public static bool IsIdentity(ContentEncoding encoding) =>
        encoding is ContentEncoding.Default or ContentEncoding.SevenBit or ContentEncoding.EightBit
            or ContentEncoding.Binary or ContentEncoding.Unknown;
}
