using System.Text.RegularExpressions;

namespace TldOps.Core.Lists.Posts;

/// <summary>
/// Reads the subject tags TLD-OPS members use ([ALERT], [QUERY], [DDoS], [PHISHING], [MALWARE])
/// and TLP 2.0 labels in the subject or the first line of text. Where several labels appear the
/// most restrictive wins: a post that says both TLP:GREEN and TLP:RED is treated as RED.
/// </summary>
public static partial class PostClassifier
{
    public const string AlertTag = "ALERT";

    /// <summary>The tags recognised, in their canonical spelling.</summary>
    public static IReadOnlyList<string> KnownTags { get; } = [AlertTag, "QUERY", "DDoS", "PHISHING", "MALWARE"];

    /// <summary>Classifies a post from its subject and the first non-empty line of its text.</summary>
    public static PostClassification Classify(string? subject, string? firstLine)
    {
        var tags = new List<string>();
        foreach (Match match in TagPattern().Matches(subject ?? string.Empty))
        {
            var known = KnownTags.FirstOrDefault(t => string.Equals(t, match.Groups[1].Value, StringComparison.OrdinalIgnoreCase));
            if (known is not null && !tags.Contains(known, StringComparer.Ordinal))
            {
                tags.Add(known);
            }
        }

        var tlp = Strongest(subject);
        var inText = Strongest(firstLine);
        return new PostClassification(tags, inText > tlp ? inText : tlp);
    }

    /// <summary>The first line of <paramref name="text"/> that is not blank, trimmed, or null.</summary>
    public static string? FirstLine(string? text) =>
        text?.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);

    /// <summary>True when the subject carries the [ALERT] tag (used at intake, before parsing the body).</summary>
    public static bool IsAlertSubject(string? subject) => Classify(subject, null).IsAlert;

    public static string? Format(TlpLabel label) => label switch
    {
        TlpLabel.Clear => "TLP:CLEAR",
        TlpLabel.Green => "TLP:GREEN",
        TlpLabel.Amber => "TLP:AMBER",
        TlpLabel.AmberStrict => "TLP:AMBER+STRICT",
        TlpLabel.Red => "TLP:RED",
        _ => null,
    };

    /// <summary>The label written as <see cref="Format"/> writes it, or None.</summary>
    public static TlpLabel Parse(string? text) => Strongest(text);

    private static TlpLabel Strongest(string? text)
    {
        var strongest = TlpLabel.None;
        if (string.IsNullOrEmpty(text))
        {
            return strongest;
        }

        foreach (Match match in TlpPattern().Matches(text))
        {
            var label = match.Groups[1].Value.ToUpperInvariant() switch
            {
                "CLEAR" or "WHITE" => TlpLabel.Clear,
                "GREEN" => TlpLabel.Green,
                "AMBER+STRICT" => TlpLabel.AmberStrict,
                "AMBER" => TlpLabel.Amber,
                "RED" => TlpLabel.Red,
                _ => TlpLabel.None,
            };
            strongest = label > strongest ? label : strongest;
        }

        return strongest;
    }

    // "[ALERT]", "[ ddos ]": a bracketed word anywhere in the subject.
    [GeneratedRegex(@"\[\s*([A-Za-z]+)\s*\]", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex TagPattern();

    // TLP 2.0 writes "TLP:AMBER+STRICT"; people also write "TLP: RED" or "tlp:red". WHITE is TLP 1.0's CLEAR.
    [GeneratedRegex(@"(?<![A-Za-z])TLP\s?:\s?(AMBER\+STRICT|CLEAR|WHITE|GREEN|AMBER|RED)(?![A-Za-z])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex TlpPattern();
}
