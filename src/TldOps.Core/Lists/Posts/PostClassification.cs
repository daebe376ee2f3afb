namespace TldOps.Core.Lists.Posts;

/// <summary>What a post is: its subject tags ("ALERT", "QUERY", "DDoS"…) and its TLP label.</summary>
public sealed record PostClassification(IReadOnlyList<string> Tags, TlpLabel Tlp)
{
    public static PostClassification Empty { get; } = new([], TlpLabel.None);

    /// <summary>An alert travels in the alert lane.</summary>
    public bool IsAlert => Tags.Contains(PostClassifier.AlertTag, StringComparer.Ordinal);

    /// <summary>The label as written in TLP 2.0 ("TLP:AMBER+STRICT"), or null.</summary>
    public string? TlpText => PostClassifier.Format(Tlp);
}
