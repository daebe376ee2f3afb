namespace TldOps.Core.Registry.Iana;

/// <summary>One decoded line of a whois answer with its position, for error messages.</summary>
internal readonly record struct WhoisLine(int Number, long Offset, string Text)
{
    public bool IsBlank => string.IsNullOrWhiteSpace(Text);

    public bool IsComment => Text.StartsWith('%');

    /// <summary>The number of leading spaces.</summary>
    public int Indent
    {
        get
        {
            var i = 0;
            while (i < Text.Length && Text[i] == ' ')
            {
                i++;
            }

            return i;
        }
    }

    /// <summary>Splits "key: value" at the first colon; false when there is no colon.</summary>
    public bool TrySplit(out string key, out string value)
    {
        var colon = Text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            key = value = string.Empty;
            return false;
        }

        key = Text[..colon].Trim();
        value = Text[(colon + 1)..].Trim();
        return key.Length > 0;
    }

    public WhoisFormatException Error(string reason) => new(reason, Number, Offset);
}
