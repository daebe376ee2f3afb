using System.Text;
using TldOps.Mail.Encodings;

namespace TldOps.Mail.Mime;

/// <summary>
/// A Content-Type (RFC 2045 §5): media type, subtype and parameters. Immutable.
/// </summary>
public sealed class ContentType
{
    /// <summary>Creates a content type.</summary>
    /// <param name="mediaType">The type, e.g. "text".</param>
    /// <param name="mediaSubtype">The subtype, e.g. "plain".</param>
    /// <param name="parameters">The parameters; none when null.</param>
    /// <exception cref="ArgumentException">The type or subtype is empty or not an RFC 2045 token.</exception>
    public ContentType(string mediaType, string mediaSubtype, ParameterList? parameters = null)
    {
        ValidateToken(mediaType, nameof(mediaType));
        ValidateToken(mediaSubtype, nameof(mediaSubtype));
        MediaType = mediaType.ToLowerInvariant();
        MediaSubtype = mediaSubtype.ToLowerInvariant();
        Parameters = parameters ?? ParameterList.Empty;
        IsValid = true;
    }

    private ContentType(string mediaType, string mediaSubtype, ParameterList parameters, bool isValid)
    {
        MediaType = mediaType;
        MediaSubtype = mediaSubtype;
        Parameters = parameters;
        IsValid = isValid;
    }

    /// <summary>text/plain; charset=us-ascii, the default of RFC 2045 §5.2.</summary>
    public static ContentType TextPlain { get; } = new("text", "plain");

    /// <summary>message/rfc822, the default inside multipart/digest (RFC 2046 §5.1.5).</summary>
    public static ContentType MessageRfc822 { get; } = new("message", "rfc822");

    /// <summary>The media type, lower case ("text", "multipart", …).</summary>
    public string MediaType { get; }

    /// <summary>The subtype, lower case ("plain", "mixed", …).</summary>
    public string MediaSubtype { get; }

    /// <summary>"type/subtype", lower case.</summary>
    public string MimeType => MediaType + "/" + MediaSubtype;

    /// <summary>The parameters.</summary>
    public ParameterList Parameters { get; }

    /// <summary>
    /// False when the field could not be read as type/subtype; the type is then the default
    /// (RFC 2045 §5.2 says to treat an unrecognised field as text/plain) while parameters are
    /// still read.
    /// </summary>
    public bool IsValid { get; }

    /// <summary>The charset parameter, or null.</summary>
    public string? Charset => Parameters["charset"];

    /// <summary>The boundary parameter of a multipart, trailing blanks removed (RFC 2046 §5.1.1 forbids them), or null.</summary>
    public string? Boundary => Parameters["boundary"]?.TrimEnd(' ', '\t');

    /// <summary>The name parameter (an old way to give a file name), or null.</summary>
    public string? Name => Parameters["name"];

    /// <summary>True for this type and subtype (case-insensitive; "*" matches any subtype).</summary>
    /// <param name="mediaType">The type.</param>
    /// <param name="mediaSubtype">The subtype or "*".</param>
    /// <returns>Whether it matches.</returns>
    public bool Is(string mediaType, string mediaSubtype) =>
        string.Equals(MediaType, mediaType, StringComparison.OrdinalIgnoreCase)
        && (mediaSubtype == "*" || string.Equals(MediaSubtype, mediaSubtype, StringComparison.OrdinalIgnoreCase));

    /// <summary>A copy with a parameter set.</summary>
    /// <param name="name">The parameter name.</param>
    /// <param name="value">The value.</param>
    /// <returns>The new content type.</returns>
    public ContentType WithParameter(string name, string value) => new(MediaType, MediaSubtype, Parameters.With(name, value), IsValid);

    /// <summary>
    /// Reads a Content-Type value leniently; never throws. An unreadable type becomes
    /// <paramref name="fallback"/> with <see cref="IsValid"/> false.
    /// </summary>
    /// <param name="value">The unfolded field value.</param>
    /// <param name="fallback">The default type for this position (text/plain, or message/rfc822 in a digest).</param>
    /// <returns>The content type.</returns>
    public static ContentType Parse(string value, ContentType? fallback = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        fallback ??= TextPlain;
        var i = SkipCfws(value, 0);
        var typeStart = i;
        while (i < value.Length && IsTypeChar(value[i]))
        {
            i++;
        }

        var type = value[typeStart..i];
        i = SkipCfws(value, i);
        string subtype = string.Empty;
        if (i < value.Length && value[i] == '/')
        {
            i = SkipCfws(value, i + 1);
            var subStart = i;
            while (i < value.Length && IsTypeChar(value[i]))
            {
                i++;
            }

            subtype = value[subStart..i];
        }

        var valid = type.Length > 0 && subtype.Length > 0;
        var semicolon = valid ? i : value.IndexOf(';', StringComparison.Ordinal);
        var parameters = semicolon < 0 ? ParameterList.Empty : ParameterParser.Parse(value, semicolon);
        return valid
            ? new ContentType(type.ToLowerInvariant(), subtype.ToLowerInvariant(), parameters, true)
            : new ContentType(fallback.MediaType, fallback.MediaSubtype, parameters, false);
    }

    /// <summary>The value in wire form (parameters encoded per RFC 2231 as needed, ASCII unless UTF-8 is allowed).</summary>
    /// <param name="allowUtf8">Whether raw UTF-8 may be written (RFC 6532).</param>
    /// <returns>The value text.</returns>
    public string ToWireValue(bool allowUtf8 = false) => FormatValue(MimeType, Parameters, allowUtf8);

    /// <summary>The value as text, e.g. <c>text/plain; charset=utf-8</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => ToWireValue(allowUtf8: true);

    internal static string FormatValue(string head, ParameterList parameters, bool allowUtf8)
    {
        var builder = new StringBuilder(head);
        foreach (var parameter in parameters)
        {
            foreach (var section in Rfc2231.Encode(parameter.Name, parameter.Value, allowUtf8))
            {
                builder.Append("; ").Append(section);
            }
        }

        return builder.ToString();
    }

    internal static int SkipCfws(string value, int i)
    {
        while (i < value.Length)
        {
            if (char.IsWhiteSpace(value[i]))
            {
                i++;
            }
            else if (value[i] == '(')
            {
                i = ParameterParser.SkipComment(value, i);
            }
            else
            {
                break;
            }
        }

        return i;
    }

    private static bool IsTypeChar(char c) => c is not ('/' or ';' or '(' or '"' or '=') && !char.IsWhiteSpace(c) && !char.IsControl(c);

    private static void ValidateToken(string token, string parameterName)
    {
        ArgumentException.ThrowIfNullOrEmpty(token, parameterName);
        if (!token.All(c => c < 128 && Rfc2231.IsTokenChar((byte)c)))
        {
            throw new ArgumentException($"'{token}' is not an RFC 2045 token.", parameterName);
        }
    }
}
