namespace TldOps.Mail.Mime;

/// <summary>A Content-Disposition (RFC 2183): inline or attachment, with parameters. Immutable.</summary>
public sealed class ContentDisposition
{
    /// <summary>Creates a disposition.</summary>
    /// <param name="disposition">"inline", "attachment" or another token.</param>
    /// <param name="parameters">The parameters; none when null.</param>
    public ContentDisposition(string disposition, ParameterList? parameters = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(disposition);
        Disposition = disposition.Trim().ToLowerInvariant();
        Parameters = parameters ?? ParameterList.Empty;
    }

    /// <summary>The disposition type, lower case; empty when the field had none.</summary>
    public string Disposition { get; private init; }

    /// <summary>The parameters.</summary>
    public ParameterList Parameters { get; private init; }

    /// <summary>True for "attachment".</summary>
    public bool IsAttachment => Disposition == "attachment";

    /// <summary>The filename parameter (RFC 2231/2047 decoded), or null.</summary>
    public string? FileName => Parameters["filename"];

    /// <summary>Reads a Content-Disposition value leniently; never throws.</summary>
    /// <param name="value">The unfolded field value.</param>
    /// <returns>The disposition.</returns>
    public static ContentDisposition Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var i = ContentType.SkipCfws(value, 0);
        var start = i;
        while (i < value.Length && value[i] != ';' && value[i] != '(' && !char.IsWhiteSpace(value[i]))
        {
            i++;
        }

        var disposition = value[start..i].ToLowerInvariant();
        var parameters = ParameterParser.Parse(value, i);
        return new ContentDisposition("x") { Disposition = disposition, Parameters = parameters };
    }

    /// <summary>The value in wire form (parameters encoded per RFC 2231 as needed).</summary>
    /// <param name="allowUtf8">Whether raw UTF-8 may be written (RFC 6532).</param>
    /// <returns>The value text.</returns>
    public string ToWireValue(bool allowUtf8 = false) => ContentType.FormatValue(Disposition, Parameters, allowUtf8);

    /// <summary>The value as text.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => ToWireValue(allowUtf8: true);
}
