namespace TldOps.Core.Common;

/// <summary>Reading the text codes that enums are stored and shown as (each enum's <c>ToCode</c> names them).</summary>
public static class EnumCodes
{
    /// <summary>The value whose code is <paramref name="code"/> (trimmed, any case); false when none is.</summary>
    public static bool TryParse<T>(string? code, Func<T, string> toCode, out T value)
        where T : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(toCode);
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(toCode(candidate), code?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
