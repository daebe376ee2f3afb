namespace TldOps.Mail.Reports;

/// <summary>A report field value of the form <c>type; value</c> (RFC 3464 §2.1.2), e.g. "rfc822; user@example.org" or "smtp; 550 5.1.1 …".</summary>
/// <param name="Type">The type, lower case ("rfc822", "dns", "smtp", "x-local"…), or empty when the value had none.</param>
/// <param name="Value">The value after the ';', trimmed.</param>
public sealed record TypedValue(string Type, string Value)
{
    /// <summary>Splits a field value at its first ';'.</summary>
    /// <param name="text">The field value.</param>
    /// <returns>The typed value.</returns>
    public static TypedValue Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var semicolon = text.IndexOf(';', StringComparison.Ordinal);
        return semicolon < 0
            ? new TypedValue(string.Empty, text.Trim())
            : new TypedValue(text[..semicolon].Trim().ToLowerInvariant(), text[(semicolon + 1)..].Trim());
    }

    /// <summary>For an address type, the address without the angle brackets some MTAs add.</summary>
    public string Address => Value.Trim().Trim('<', '>').Trim();

    /// <summary>The text, "type; value".</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Type.Length == 0 ? Value : $"{Type}; {Value}";
}
