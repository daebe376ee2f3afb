using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace TldOps.Mail.Reports;

/// <summary>An enhanced mail system status code, class.subject.detail (RFC 3463), e.g. 5.1.1.</summary>
/// <param name="Class">2 success, 4 persistent transient failure, 5 permanent failure.</param>
/// <param name="Subject">The subject (1 addressing, 2 mailbox, 3 mail system, 4 network, 5 protocol, 6 content, 7 security).</param>
/// <param name="Detail">The detail.</param>
public readonly partial record struct StatusCode(int Class, int Subject, int Detail)
{
    /// <summary>True for class 5: retrying will not help.</summary>
    public bool IsPermanent => Class == 5;

    /// <summary>True for class 4: retrying later may work.</summary>
    public bool IsTransient => Class == 4;

    /// <summary>True for class 2.</summary>
    public bool IsSuccess => Class == 2;

    /// <summary>Reads a status code at the start of a text ("5.1.1", "4.4.7 (delivery expired)").</summary>
    /// <param name="text">The text.</param>
    /// <param name="code">The code.</param>
    /// <returns>Whether the text starts with a status code.</returns>
    public static bool TryParse(string? text, out StatusCode code)
    {
        code = default;
        var match = text is null ? Match.Empty : Leading().Match(text);
        return match.Success && TryCreate(match, out code);
    }

    /// <summary>Finds the first status code anywhere in a text, such as a Diagnostic-Code "550 5.1.1 User unknown".</summary>
    /// <param name="text">The text.</param>
    /// <param name="code">The code.</param>
    /// <returns>Whether one was found.</returns>
    public static bool TryFind(string? text, out StatusCode code)
    {
        code = default;
        var match = text is null ? Match.Empty : Anywhere().Match(text);
        return match.Success && TryCreate(match, out code);
    }

    /// <summary>Reads a status code.</summary>
    /// <param name="text">The text, e.g. "5.7.1".</param>
    /// <returns>The code.</returns>
    /// <exception cref="FormatException">The text does not start with class.subject.detail.</exception>
    public static StatusCode Parse(string text) =>
        TryParse(text, out var code) ? code : throw new FormatException($"'{text}' is not an enhanced status code (RFC 3463).");

    /// <summary>The code as text, "5.1.1".</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Class}.{Subject}.{Detail}");

    private static bool TryCreate(Match match, [NotNullWhen(true)] out StatusCode code)
    {
        code = new StatusCode(
            int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture),
            int.Parse(match.Groups[2].ValueSpan, CultureInfo.InvariantCulture),
            int.Parse(match.Groups[3].ValueSpan, CultureInfo.InvariantCulture));
        return true;
    }

    // RFC 3463 §2: class is 2, 4 or 5; subject 1-3 digits; detail 1-3 digits.
    [GeneratedRegex(@"^\s*([245])\.(\d{1,3})\.(\d{1,3})(?!\d)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Leading();

    [GeneratedRegex(@"(?<![\d.])([245])\.(\d{1,3})\.(\d{1,3})(?![\d.]*\d)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Anywhere();
}
